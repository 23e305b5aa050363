"""The `juesuan` command: convert one disclosure, build the portal, validate packages."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from juesuan import __version__

EPILOG = """examples:
  juesuan convert sources/000_a1db828f484ee6df.txt -o /tmp/pkg
  juesuan build                 # sources/ → datapackages/ → build/site
  juesuan validate              # frictionless validation of datapackages/*
  juesuan fetch                 # download and verify every row of sources/originals.csv
  juesuan manifest add ~/a.pdf --url https://…/a.pdf --as 2024/a.pdf
  juesuan downloads --published https://OWNER.github.io/REPO/data/downloads.csv
"""


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# Each command imports its stages when it runs: `juesuan --help` and `juesuan convert`
# must not pay for the site's imports (altair, pandas, mkdocs: seconds on a cold start).


def cmd_convert(args: argparse.Namespace) -> int:
    from juesuan.convert import convert_path
    from juesuan.package.files import write_package
    from juesuan.package.validate_one import validate_package
    from juesuan.read.source import SourceError

    try:
        d = convert_path(Path(args.file))
    except SourceError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    out = Path(args.output)
    descriptor = write_package(d, out)
    for warning in d.warnings:
        _log(f"warning: {args.file}: {warning}")
    problems = validate_package(descriptor)
    for problem in problems:
        print(f"invalid: {problem}", file=sys.stderr)
    print(f"{descriptor} ({d.name}: {len(d.facts)} facts, {len(d.checks)} checks)")
    return 1 if problems else 0


def cmd_build(args: argparse.Namespace) -> int:
    from juesuan.infra.cluster import ClusterError, scheduler_address
    from juesuan.pipeline.build import BuildPaths, run_build

    root = Path(args.root)
    paths = BuildPaths(
        sources=Path(args.sources) if args.sources else root / "sources",
        datapackages=Path(args.datapackages) if args.datapackages else root / "datapackages",
        build=Path(args.build_dir) if args.build_dir else root / "build",
        docs=root / "docs",
        config=root / "mkdocs.yml",
    )
    try:
        result = run_build(paths, _log, not args.no_site, scheduler_address(args.scheduler))
    except ClusterError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 3
    for skipped in result.skipped:
        print(f"skipped: {skipped.file}: {skipped.problem}", file=sys.stderr)
    for duplicate in result.duplicates:
        print(f"duplicate: {duplicate.file}: {duplicate.problem}", file=sys.stderr)
    for problem in result.problems:
        print(f"invalid: {problem}", file=sys.stderr)
    if result.problems:
        return 1
    summary = f"{len(result.disclosures)} disclosures built, {len(result.skipped)} skipped"
    timings = ", ".join(f"{k} {v:.1f}s" for k, v in result.timings.items())
    print(f"{summary} ({timings})")
    if not args.no_site:
        print(f"site: {paths.site}  — view it with `make serve` → http://127.0.0.1:8000")
    return 2 if args.strict and result.skipped else 0


def cmd_validate(args: argparse.Namespace) -> int:
    from juesuan.package.validate import validate_all

    root = Path(args.datapackages)
    count, problems = validate_all(root)
    for problem in problems:
        print(f"invalid: {problem}", file=sys.stderr)
    if count == 0:
        print(f"error: no data packages (*/datapackage.json) under {root}", file=sys.stderr)
        return 1
    print(f"{count} data packages checked, {len(problems)} problems")
    return 1 if problems else 0


def cmd_fetch(args: argparse.Namespace) -> int:
    from juesuan.pipeline.originals import resolve_originals

    root = Path(args.root)
    sources = Path(args.sources) if args.sources else root / "sources"
    build = Path(args.build_dir) if args.build_dir else root / "build"
    found = resolve_originals(sources, build, _log)
    for error in found.refused.values():
        print(f"refused: {error}", file=sys.stderr)
    print(
        f"{len(found.paths)} originals verified ({found.fetched} downloaded), "
        f"{len(found.refused)} refused; laid out in {found.root}"
    )
    return 1 if found.refused else 0


def cmd_manifest_add(args: argparse.Namespace) -> int:
    from juesuan.read.manifest import MANIFEST_NAME, add_row, describe
    from juesuan.read.source import SourceError

    file, sources = Path(args.file), Path(args.sources)
    name = args.name
    if name is None:
        inside = file.resolve().is_relative_to(sources.resolve())
        name = file.resolve().relative_to(sources.resolve()).as_posix() if inside else file.name
    try:
        row = describe(file.read_bytes(), name, args.url, args.publisher_url)
        add_row(sources / MANIFEST_NAME, row)
    except (OSError, SourceError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"{sources / MANIFEST_NAME}: {row.file} {row.sha256} {row.size} bytes")
    if (sources / row.file).exists():
        print(f"sources/{row.file} may now be removed from git: the build fetches it by hash")
    return 0


def _published_manifest(where: str | None) -> str | None:
    """The live site's downloads.csv (a URL or a path); None when there is none yet."""
    import urllib.error
    import urllib.request

    if not where:
        return None
    try:
        if where.startswith(("http://", "https://")):
            with urllib.request.urlopen(where, timeout=60) as response:
                return response.read().decode("utf-8")
        return Path(where).read_text(encoding="utf-8")
    except (OSError, urllib.error.URLError, UnicodeDecodeError) as exc:
        _log(f"no published manifest at {where} ({exc}): every file is listed")
        return None


def cmd_downloads(args: argparse.Namespace) -> int:
    from juesuan.render.downloads import MANIFEST_PATH, files_to_upload

    manifest = Path(args.downloads) / Path(MANIFEST_PATH).name
    try:
        current = manifest.read_text(encoding="utf-8")
    except OSError as exc:
        print(f"error: {manifest}: {exc} (build with JUESUAN_DOWNLOADS_URL set)", file=sys.stderr)
        return 2
    for release, file in files_to_upload(current, _published_manifest(args.published)):
        print(f"{release}\t{file}")
    return 0


def _manifest_commands(sub: argparse._SubParsersAction) -> None:
    f = sub.add_parser(
        "fetch",
        help="download and verify every original the manifest lists",
        description="Fetch every row of sources/originals.csv that is not committed into "
        "build/cache/originals/<sha256>, verify its SHA-256 and size, and lay the files out "
        "in build/originals; exit 1 naming each row refused.",
    )
    f.add_argument("--root", default=".", help="project root")
    f.add_argument("--sources", help="directory of raw disclosures (default ROOT/sources)")
    f.add_argument("--build-dir", help="build directory (default ROOT/build)")
    f.set_defaults(func=cmd_fetch)

    m = sub.add_parser("manifest", help="edit sources/originals.csv")
    msub = m.add_subparsers(dest="manifest_command", required=True)
    a = msub.add_parser(
        "add",
        help="add (or replace) the row of a file kept out of git",
        description="Hash FILE and write its row (file, sha256, size, url, publisher_url) "
        "into SOURCES/originals.csv. Upload FILE to URL (a release asset, an object store) "
        "yourself; the build downloads it from there and refuses any other bytes.",
        epilog="example:\n  juesuan manifest add ~/dl/czj.pdf --as 2024/czj.pdf \\\n"
        "    --url https://github.com/OWNER/REPO/releases/download/originals-2024/czj.pdf \\\n"
        "    --publisher-url http://czj.example.gov.cn/zwgk/2024/czj.html",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    a.add_argument("file", help="the original as published")
    a.add_argument("--url", required=True, help="where the build downloads the bytes from")
    a.add_argument("--publisher-url", help="the publisher's page, shown to readers")
    a.add_argument(
        "--as", dest="name", help="path under sources/ (default: FILE's path there, or its name)"
    )
    a.add_argument("--sources", default="sources", help="directory of raw disclosures")
    a.set_defaults(func=cmd_manifest_add)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="juesuan",
        description="Turn final-accounts disclosures (部门决算公开) into validated data packages "
        "and a searchable static site.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--version", action="version", version=f"juesuan {__version__}")
    sub = p.add_subparsers(dest="command", required=True)

    c = sub.add_parser(
        "convert",
        help="one disclosure → one data package",
        description="Convert one disclosure text (any path) into a Frictionless data package.",
        epilog="example:\n  juesuan convert sources/000_a1db828f484ee6df.txt -o /tmp/pkg\n"
        "exit status: 0 ok, 1 package invalid, 2 not a disclosure.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    c.add_argument("file", help="disclosure text (UTF-8/UTF-16/GB18030); a .yml sidecar is read")
    c.add_argument("-o", "--output", required=True, help="directory to write the package into")
    c.set_defaults(func=cmd_convert)

    b = sub.add_parser(
        "build",
        help="all sources → data packages → pages → site",
        description="Convert every file under sources/, write datapackages/, validate them, "
        "render the pages and build the site into build/site. Unreadable sources are reported "
        "and skipped.",
        epilog="example:\n  juesuan build\n  juesuan build --sources /tmp/src "
        "--datapackages /tmp/dp --build-dir /tmp/build\n"
        "  juesuan build --scheduler tcp://HOST:8786   # on a Dask cluster",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    b.add_argument("--root", default=".", help="project root (mkdocs.yml, docs/)")
    b.add_argument("--sources", help="directory of raw disclosures (default ROOT/sources)")
    b.add_argument("--datapackages", help="output packages (default ROOT/datapackages)")
    b.add_argument("--build-dir", help="pages and site (default ROOT/build)")
    b.add_argument("--no-site", action="store_true", help="stop after writing and validating")
    b.add_argument("--strict", action="store_true", help="exit 2 when any source was skipped")
    b.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="run the per-source work on the Dask cluster whose scheduler is at ADDRESS "
        "(e.g. tcp://HOST:8786; default $JUESUAN_SCHEDULER, else the local process pool); "
        "its workers must see the same files at the same paths. Exit 3 when it cannot be used",
    )
    b.set_defaults(func=cmd_build)

    v = sub.add_parser(
        "validate",
        help="frictionless validation of every package",
        description="Validate every DIR/*/datapackage.json; exit 1 naming package, resource, "
        "row and field of each problem.",
        epilog="example:\n  juesuan validate\n  juesuan validate --datapackages /tmp/dp",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    v.add_argument("--datapackages", default="datapackages", help="directory of packages")
    v.set_defaults(func=cmd_validate)
    _manifest_commands(sub)
    _downloads_command(sub)
    return p


def _downloads_command(sub: argparse._SubParsersAction) -> None:
    d = sub.add_parser(
        "downloads",
        help="the zips and originals a download place does not have yet",
        description="List, one 'RELEASE<TAB>FILE' a line, the files of build/downloads/ "
        "whose SHA-256 the published downloads.csv does not list (all of them without one).",
        epilog="example:\n  juesuan downloads "
        "--published https://OWNER.github.io/REPO/data/downloads.csv",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    d.add_argument("--downloads", default="build/downloads", help="the build's downloads folder")
    d.add_argument("--published", help="URL or path of the live site's data/downloads.csv")
    d.set_defaults(func=cmd_downloads)


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
