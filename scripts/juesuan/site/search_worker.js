/* The site's search worker: Material's worker protocol over the prebuilt index of
 * juesuan.site.search_index (documents, sorted terms, postings), so the first search
 * reads the index and answers, with no lunr index built in the browser.
 *
 * It answers as Material's worker does: the query's Chinese is cut into the words the
 * index knows (Material's segmenter, with the end of the query reachable), every term
 * is a prefix, documents are scored by BM25 (lunr's: k1 1.2, b 0, title boost from the
 * config) and boosted for being a page and for holding every term, grouped by page,
 * the matches marked and a section's text cut to the (at most two) blocks holding them.
 */
"use strict";

const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
const DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const VALUE = new Uint8Array(128);
for (let i = 0; i < DIGITS.length; i++) VALUE[DIGITS.charCodeAt(i)] = i;
let index = null;
let ready = null; // the setup under way

/* The index proper is fetched here, not by the page: parsed off the page's thread and
 * never copied between the two (the page's search_index.json only names it). */
async function setup(data) {
  const base = new URL("../../../", self.location);
  const response = await fetch(new URL(data.config.index, base));
  if (!response.ok) throw new Error(`search index: ${response.status} ${response.url}`);
  const { config, docs: rows } = await response.json();
  const { terms, postings, titles } = config;
  const docs = rows.map(([location, title, text, boost]) => {
    const doc = { location, title: typeof title === "number" ? titles[title] : title, text };
    if (boost !== undefined) doc.boost = boost;
    return doc;
  });
  const parent = new Int32Array(docs.length);
  const articles = new Map();
  docs.forEach((doc, i) => {
    const path = doc.location.split("#")[0];
    if (articles.has(path)) {
      parent[i] = articles.get(path);
    } else {
      articles.set(path, i);
      parent[i] = -1;
    }
  });
  const boost = (name) => (config.fields[name] && config.fields[name].boost) || 1;
  return {
    docs, terms, postings, parent,
    known: new Set(terms),
    decoded: new Map(),
    separator: new RegExp(config.separator, "g"),
    boundary: new RegExp(`^(?:${config.separator})$`),
    boosts: [boost("text"), boost("title")],
    suggest: !!(data.options && data.options.suggest),
  };
}

/* A term's postings (doc << 4 | title << 3 | count), decoded from search_index.DIGITS. */
function postingsOf(t) {
  let list = index.decoded.get(t);
  if (list) return list;
  const text = index.postings[t];
  list = [];
  for (let i = 0, doc = 0; i < text.length;) {
    let value = 0, shift = 0, digit;
    do {
      digit = VALUE[text.charCodeAt(i++)];
      value += (digit & 31) * 2 ** shift;
      shift += 5;
    } while (digit & 32);
    doc += Math.floor(value / 16);
    list.push(doc * 16 + (value % 16));
  }
  index.decoded.set(t, list);
  return list;
}

/* Material's segmenter (query/segment), corrected: a word may end the query. */
function segment(query, known) {
  const segments = new Set();
  const wordcuts = new Uint16Array(query.length + 1);
  for (let i = 0; i < query.length; i++)
    for (let j = i + 1; j <= query.length; j++)
      if (known.has(query.slice(i, j))) wordcuts[i] = j - i;
  const stack = [0];
  for (let s = stack.length; s > 0;) {
    const p = stack[--s];
    for (let q = 1; q < wordcuts[p]; q++)
      if (wordcuts[p + q] > wordcuts[p] - q) {
        segments.add(query.slice(p, p + q));
        stack[s++] = p + q;
      }
    const q = p + wordcuts[p];
    if (wordcuts[q] && q < query.length) stack[s++] = q;
    segments.add(query.slice(p, q));
  }
  if (segments.has("")) return new Set([query]);
  return segments;
}

function queryTerms(query) {
  const cut = query.replace(/\p{sc=Han}+/gu, (run) => [...segment(run, index.known)].join(" "));
  const terms = [];
  for (const part of cut.toLowerCase().split(index.separator)) {
    const term = part.replace(/["+*~^:]/g, "");
    if (term && !terms.includes(term)) terms.push(term);
  }
  return terms;
}

/* Indexes of the terms that start with `prefix` (the terms are sorted). */
function expand(prefix) {
  const { terms } = index;
  let lo = 0, hi = terms.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (terms[mid] < prefix) lo = mid + 1; else hi = mid;
  }
  const found = [];
  while (lo < terms.length && terms[lo].startsWith(prefix)) found.push(lo++);
  return found;
}

/* Top-level blocks of a field, as Material's extract() divides it. */
function blocksOf(input) {
  const blocks = [];
  let depth = 0, start = 0;
  for (let i = 0; i < input.length;) {
    if (input[i] !== "<") { i++; continue; }
    const end = input.indexOf(">", i);
    if (end < 0) break;
    if (input[i + 1] === "/") {
      if (--depth <= 0) { depth = 0; blocks.push([start, end + 1]); start = end + 1; }
    } else if (input[end - 1] !== "/") {
      if (depth++ === 0 && i > start) { blocks.push([start, i]); start = i; }
    }
    i = end + 1;
  }
  if (start < input.length) blocks.push([start, input.length]);
  return blocks;
}

/* True where `ch` (a character, or "" at an end) may border a token. */
function border(ch) {
  return ch === "" || ch === "<" || ch === ">" || index.boundary.test(ch);
}

/* The block with every whole-token occurrence of `words` wrapped in <mark>, and how many. */
function mark(block, words) {
  const lower = block.toLowerCase();
  if (lower.length !== block.length) return [block, 0];
  const spans = [];
  for (const word of words) {
    for (let at = lower.indexOf(word); at >= 0; at = lower.indexOf(word, at + 1)) {
      const end = at + word.length;
      if (border(block.charAt(at - 1)) && border(block.charAt(end)) && !insideTag(block, at))
        spans.push([at, end]);
    }
  }
  if (!spans.length) return [block, 0];
  spans.sort((x, y) => x[0] - y[0] || y[1] - x[1]);
  let html = "", last = 0;
  for (const [at, end] of spans) {
    if (at < last) continue;
    html += block.slice(last, at) + "<mark>" + block.slice(at, end) + "</mark>";
    last = end;
  }
  return [html + block.slice(last), spans.length];
}

function insideTag(block, at) {
  return block.lastIndexOf("<", at) > block.lastIndexOf(">", at);
}

/* A title in full, a text cut to the first two blocks holding a match (Material's way). */
function highlight(input, words, full) {
  if (typeof input !== "string" || words.size === 0) return input;
  if (full) return mark(input, words)[0];
  let anywhere = false;
  const lower = input.toLowerCase();
  for (const word of words) if (lower.includes(word)) anywhere = true;
  if (!anywhere) return input;
  const slices = [];
  for (const [start, end] of blocksOf(input)) {
    const [html, count] = mark(input.slice(start, end), words);
    if (count && slices.push(html) === 2) break;
  }
  return slices.length ? slices.join("") : input;
}

function search(query) {
  const clauses = queryTerms(query);
  if (!clauses.length) return { items: [] };
  const { docs, terms, parent, boosts } = index;
  const total = docs.length;
  const scores = new Float64Array(total);
  const hits = new Map(); // doc -> { clauses: Set, words: Set }
  clauses.forEach((clause, c) => {
    let found = expand(clause);
    // no stemmer: an English plural finds its singular ("downloads" → "download")
    if (!found.length && /^[a-z]+s$/.test(clause)) found = expand(clause.slice(0, -1));
    for (const t of found) {
      const list = postingsOf(t);
      let df = 0;
      for (let k = 0, last = -1; k < list.length; k++)
        if (list[k] >> 4 !== last) { df++; last = list[k] >> 4; }
      const idf = Math.log(1 + Math.abs((total - df + 0.5) / (df + 0.5)));
      for (const posting of list) {
        const d = posting >> 4;
        const tf = posting & 7;
        scores[d] += idf * (2.2 * tf) / (1.2 + tf) * boosts[(posting >> 3) & 1] * (docs[d].boost || 1);
        let hit = hits.get(d);
        if (!hit) hits.set(d, hit = { clauses: new Set(), words: new Set() });
        hit.clauses.add(c);
        hit.words.add(terms[t]);
      }
    }
  });
  const items = [];
  for (const [d, hit] of hits) {
    const boost = +(parent[d] < 0) + hit.clauses.size / clauses.length;
    items.push({ d, hit, score: scores[d] * (1 + boost ** 2) });
  }
  items.sort((a, b) => b.score - a.score || a.d - b.d);
  const groups = new Map();
  for (const { d, hit, score } of items) {
    const doc = docs[d];
    const termsOf = {};
    for (const [c, clause] of clauses.entries()) termsOf[clause] = hit.clauses.has(c);
    const item = {
      location: doc.location,
      title: highlight(doc.title, hit.words, true),
      text: highlight(doc.text, hit.words, false),
      score,
      terms: termsOf,
    };
    if (doc.tags) item.tags = [...doc.tags];
    const ref = parent[d] < 0 ? d : parent[d];
    if (!groups.has(ref)) groups.set(ref, []);
    groups.get(ref).push(item);
  }
  for (const [ref, group] of groups)
    if (!group.some((item) => item.location === docs[ref].location))
      group.push({ ...docs[ref], score: 0, terms: {} });
  const result = { items: [...groups.values()] };
  if (index.suggest) result.suggest = [];
  return result;
}

addEventListener("message", async (ev) => {
  const message = ev.data;
  if (message.type === SETUP) {
    ready = setup(message.data);
    index = await ready;
    postMessage({ type: READY });
  } else if (message.type === QUERY) {
    let data;
    try {
      if (!index) index = await ready;
      data = search(message.data);
    } catch (error) {
      console.warn(`Invalid query: ${message.data}`, error);
      data = { items: [] };
    }
    postMessage({ type: RESULT, data });
  }
});
