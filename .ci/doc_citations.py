#!/usr/bin/env python3
"""Checks that every citation of a document in the repository points at something that exists.

    python3 .ci/doc_citations.py [ROOT]

Reads every tracked text file (git ls-files; every file when ROOT is not a git checkout) and
checks three kinds of citation:

1. a repository path of a Markdown document, ``docs/api.md`` or ``clients/java/README.md``,
   optionally with a section: ``docs/api.md#errors`` (GitHub's heading anchors) or
   ``docs/vault.md, "Scopes"`` (a heading that starts with the quoted words, or a bold lead-in
   ``**Scopes**``). The file must exist, and so must the section;
2. in Markdown files, every relative link ``[text](target#anchor)``: the target must exist, and the
   anchor must be a heading of the target (or of the file itself for ``(#anchor)``);
3. in Markdown files, every repository path in backticks (`functions/seal/pom.xml`,
   `clients/java/conformance-runner`: the first folder one of the repository's top-level folders):
   it must exist, unless it is build output (a folder such as target/ or .venv/ on the way);
4. the design documents that are not in the repository (CONTRACT.md, ENVELOPE.md, AUDIT.md,
   CLIENTS.md, STYLE.md): no file may name them, except docs/contract-notes.md, which says where
   they live.

Prints one line per broken citation (``file:line: what``) and closes with ``N passed, M failed``,
counted per file that cites anything; exits 0 only when nothing is broken.
"""

import os
import re
import subprocess
import sys

# The design documents that live outside the repository, and the one file allowed to name them.
DESIGN_DOCUMENTS = ("CONTRACT.md", "ENVELOPE.md", "AUDIT.md", "CLIENTS.md", "STYLE.md")
DESIGN_NOTES = "docs/contract-notes.md"

SKIPPED_DIRS = ("node_modules/", "target/", ".venv/", "dist/", "build/")
# Data files, third-party test data (Wycheproof names its own repository's docs), binaries, and
# this checker and its tests (whose fixtures cite what does not exist, on purpose).
SKIPPED_FILES = re.compile(
    r"^docs/vectors/|/wycheproof/|^\.ci/doc_citations(_test)?\.py$"
    r"|\.(png|jpg|jpeg|gif|ico|jar|zip|gz|pdf|woff2?)$"
)
MAX_BYTES = 2_000_000

# A repository path ending in .md, not part of a longer path or URL, with an optional anchor or
# quoted section: docs/api.md#errors, docs/vault.md, "Scopes" and "Who receives envelopes".
# Paths after "$" or "}" are shell variables, paths under target/ are build output.
PATH_CITATION = re.compile(
    r'(?<![\w/.:$}-])(?!target/)((?:[\w.-]+/)+[\w.-]+\.md)(#[\w-]+)?((?:,? "[^"\n]+")(?: and "[^"\n]+")*)?'
)
QUOTED = re.compile(r'"([^"\n]+)"')
# A path in backticks, without placeholders (…, *, <x>, {x}, $X): `functions/seal/pom.xml`.
BACKTICKED_PATH = re.compile(r"`((?:[\w.-]+/)+[\w.-]*)`")
BUILD_OUTPUT = {"target", ".venv", "venv", "dist", "build", "node_modules", "__pycache__", ".cifuzz-corpus"}
MARKDOWN_LINK = re.compile(r"\]\(([^)\s]+)\)")
DESIGN_NAME = re.compile(r"(?<![\w/.-])(" + "|".join(re.escape(d) for d in DESIGN_DOCUMENTS) + r")")


def tracked_files(root):
    try:
        out = subprocess.run(
            ["git", "-C", root, "ls-files", "-z"], capture_output=True, check=True
        ).stdout
        return [f for f in out.decode("utf-8").split("\0") if f]
    except (subprocess.CalledProcessError, FileNotFoundError):
        files = []
        for d, dirs, names in os.walk(root):
            dirs[:] = [x for x in dirs if x != ".git"]
            for n in names:
                files.append(os.path.relpath(os.path.join(d, n), root).replace(os.sep, "/"))
        return sorted(files)


def github_anchor(heading):
    """The id GitHub gives a heading: its text lower-cased, punctuation dropped, spaces to '-'."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", heading.strip())  # a link keeps its text
    text = text.replace("`", "").lower()
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


class Document:
    """A Markdown file's headings (outside code fences), their anchors and its bold lead-ins."""

    def __init__(self, text):
        self.headings = []
        self.anchors = set()
        self.bold = set()
        seen = {}
        fence = None
        for line in text.split("\n"):
            stripped = line.lstrip()
            m = re.match(r"(`{3,}|~{3,})", stripped)
            if m:
                if fence is None:
                    fence = m.group(1)[0]
                elif stripped.startswith(fence * 3):
                    fence = None
                continue
            if fence is not None:
                continue
            h = re.match(r"#{1,6}\s+(.*?)\s*#*\s*$", line)
            if h:
                title = h.group(1)
                self.headings.append(title.replace("`", ""))
                a = github_anchor(title)
                n = seen.get(a, 0)
                seen[a] = n + 1
                self.anchors.add(a if n == 0 else f"{a}-{n}")
            for b in re.finditer(r"\*\*([^*\n]+)\*\*", line):
                self.bold.add(b.group(1).replace("`", "").strip().lower())

    def has_section(self, quoted):
        q = quoted.replace("`", "").strip().lower()
        return any(h.lower().startswith(q) for h in self.headings) or q in self.bold


class Checker:
    def __init__(self, root):
        self.root = root
        self.files = [
            f
            for f in tracked_files(root)
            if not f.startswith(SKIPPED_DIRS)
            and not any("/" + d in "/" + f for d in SKIPPED_DIRS)
            and not SKIPPED_FILES.search(f)
        ]
        self.top_folders = {f.split("/", 1)[0] for f in self.files if "/" in f}
        self.documents = {}
        self.problems = []
        self.passed = 0

    def document(self, path):
        if path not in self.documents:
            with open(os.path.join(self.root, path), encoding="utf-8") as f:
                self.documents[path] = Document(f.read())
        return self.documents[path]

    def exists(self, path):
        return os.path.isfile(os.path.join(self.root, path))

    def run(self):
        for f in self.files:
            full = os.path.join(self.root, f)
            if not os.path.isfile(full) or os.path.getsize(full) > MAX_BYTES:
                continue
            try:
                with open(full, encoding="utf-8") as fh:
                    text = fh.read()
            except UnicodeDecodeError:
                continue
            before = len(self.problems)
            if self.check_file(f, text):
                if len(self.problems) == before:
                    self.passed += 1
        return self.problems

    def check_file(self, f, text):
        """Checks one file; whether it cites anything."""
        cites = False
        is_markdown = f.endswith(".md")
        for number, line in enumerate(text.split("\n"), 1):
            where = f"{f}:{number}"
            for m in PATH_CITATION.finditer(line):
                path, anchor, quoted = m.group(1), m.group(2), m.group(3)
                if path.startswith(("http", "www.")) or "://" in line[max(0, m.start() - 12) : m.start()]:
                    continue
                cites = True
                self.check_target(where, path, anchor[1:] if anchor else None, quoted, f)
            if is_markdown:
                for m in MARKDOWN_LINK.finditer(line):
                    target = m.group(1)
                    if re.match(r"[a-z][a-z0-9+.-]*:", target):
                        continue
                    cites = True
                    path, _, anchor = target.partition("#")
                    resolved = (
                        os.path.normpath(os.path.join(os.path.dirname(f), path)).replace(os.sep, "/")
                        if path
                        else f
                    )
                    if not os.path.exists(os.path.join(self.root, resolved)):
                        self.problems.append(f"{where}: link to {target}: no such file")
                    elif anchor and resolved.endswith(".md") and os.path.isfile(
                        os.path.join(self.root, resolved)
                    ):
                        if anchor not in self.document(resolved).anchors:
                            self.problems.append(f"{where}: link to {target}: no such section")
            if is_markdown:
                for m in BACKTICKED_PATH.finditer(line):
                    path = m.group(1).rstrip("/")
                    parts = path.split("/")
                    if parts[0] not in self.top_folders or BUILD_OUTPUT & set(parts):
                        continue
                    cites = True
                    if not os.path.exists(os.path.join(self.root, path)):
                        self.problems.append(f"{where}: names {path}: no such file or folder")
            if f != DESIGN_NOTES:
                for m in DESIGN_NAME.finditer(line):
                    cites = True
                    self.problems.append(
                        f"{where}: cites {m.group(1)}, a design document that is not in the"
                        " repository (cite docs/api.md, docs/envelope.md, docs/audit.md or"
                        " docs/clients.md)"
                    )
        return cites

    def check_target(self, where, path, anchor, quoted, citing_file):
        resolved = path
        if not self.exists(resolved):
            # A path relative to the citing file ("../docs/x.md" is matched as "docs/x.md").
            relative = os.path.normpath(os.path.join(os.path.dirname(citing_file), path))
            if self.exists(relative):
                resolved = relative.replace(os.sep, "/")
            else:
                self.problems.append(f"{where}: cites {path}: no such file")
                return
        doc = self.document(resolved)
        if anchor and anchor not in doc.anchors:
            self.problems.append(f"{where}: cites {path}#{anchor}: no such section")
        for q in QUOTED.findall(quoted or ""):
            if not doc.has_section(q):
                self.problems.append(f'{where}: cites {path}, "{q}": no such section')


def main(argv):
    root = os.path.abspath(argv[1] if len(argv) > 1 else os.path.join(os.path.dirname(__file__), ".."))
    checker = Checker(root)
    problems = checker.run()
    for p in problems:
        print(p)
    failed_files = len({p.split(":", 1)[0] for p in problems})
    print(f"{checker.passed} passed, {failed_files} failed")
    return 0 if not problems else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
