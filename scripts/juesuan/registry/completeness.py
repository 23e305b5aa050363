"""The completeness scorecard of a data package: which parts of the standard disclosure it has.

Part of the data dictionary (see fields.py).
"""

from __future__ import annotations

from juesuan.domain.template import FoundBy, PartStatus
from juesuan.registry.fields import Field, ResourceSpec

PART_STATUSES = [s.value for s in PartStatus]

COMPLETENESS = ResourceSpec(
    name="completeness",
    title_zh="公开完整性",
    title_en="Completeness scorecard",
    description_zh=(
        "文本包含标准公开内容的哪些部分：公开01–09表、“三公”经费四个组成部分、机关"
        "运行经费、按货物/工程/服务划分并含中小企业份额的政府采购、国有资产占用、绩效自"
        "评和名词解释；整体支出绩效自评按其自身部分计分（基础数据表、自评表、绩效情况、"
        "问题与改进措施）。`empty_declared`（声明为空）：部门说明本年度无此项"
        "（如政府性基金预算表为空表），计为已公开。`referenced`（另附，本文未含）：文本说明"
        "该表另附或另行公开（如“部门决算报表（见附表）”），不算缺失，也不计为已公开。"
    ),
    description=(
        "Which parts of the standard disclosure the text contains: the nine tables 公开01–09表, "
        "the four 三公 components, 机关运行经费, 政府采购 by goods/works/services with the SME "
        "share, 国有资产占用, 绩效自评 and 名词解释. `empty_declared`: the department states it "
        "has nothing to report (e.g. 政府性基金 table 为空表); it counts as present. A "
        "performance self-evaluation is scored on its own parts (basic-data table, "
        "self-evaluation table, performance achieved, problems and measures). `referenced`: "
        "the text says the table is attached or published separately (部门决算报表（见附表）); "
        "not missing, and not counted as present."
    ),
    fields=(
        Field(
            "part_id",
            "string",
            "部分编号",
            "Part id",
            "Stable id of the part of the standard disclosure.",
            True,
            {"pattern": r"^[a-z_]+(\.[a-z0-9_]+)?$"},
            "标准公开内容中该部分的稳定编号。",
            source="part.part_id",
        ),
        Field(
            "label_zh",
            "string",
            "部分名称",
            "Part (zh)",
            "Name of the part in the national template.",
            True,
            description_zh="该部分在全国统一模板中的名称。",
            source="part.label_zh",
        ),
        Field(
            "label_en",
            "string",
            "英文名称",
            "Part (en)",
            "English name of the part.",
            True,
            description_zh="该部分的英文名称。",
            source="part.label_en",
        ),
        Field(
            "status",
            "string",
            "状态",
            "Status",
            "present; empty_declared (stated to be empty: counts as present); missing; "
            "referenced (attached separately, not in this text: not missing, not present).",
            True,
            {"enum": PART_STATUSES},
            "present：已公开；empty_declared：声明无此内容（视为已公开）；missing：未见；"
            "referenced：另附（本文未含），不算缺失，也不计为已公开。",
        ),
        Field(
            "found_by",
            "string",
            "识别方式",
            "Found by",
            "table, fact, section, statement, performance table or reference (the text's "
            "word that it is attached separately); empty when missing.",
            constraints={"enum": [f.value for f in FoundBy]},
            description_zh=(
                "识别依据的类型：表格、事实、章节、声明、绩效自评表或另附说明；未见时为空。"
            ),
        ),
        Field(
            "evidence",
            "string",
            "依据",
            "Evidence",
            "Where the part was found: table title, sentence or section heading.",
            description_zh="在何处找到：表格标题、原文句子或章节标题。",
        ),
        Field(
            "char_start",
            "integer",
            "起始位置",
            "Start offset",
            "Offset of the evidence in the normalised text.",
            constraints={"minimum": 0},
            description_zh="依据在规范化文本中的起始字符位置。",
            source="start",
        ),
    ),
    primary_key=("part_id",),
    records="completeness",
)
