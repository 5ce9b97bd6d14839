#!/usr/bin/env python3
"""Checks that docs/api.md lists exactly the API that is built.

    python3 .ci/api_doc.py [ROOT]

1. Routes: the endpoint table of docs/api.md ("## Endpoints": rows whose first cell is
   `METHOD /path`, a `[?query]` suffix ignored) holds exactly the Api events of template.yaml.
2. Errors: the table of docs/api.md's "## Errors" (`| status | `code` | …`) holds every status and
   code the service can answer, and nothing else:
   - each class under functions/ whose `int status() { return N; }` and
     `String code() { return "…"; }` are its own or inherited from a class under functions/,
   - each `errorResponse(N, "code", …)` under functions/ (ApiErrorMapper's own answers),
   - each gateway response of template.yaml (`StatusCode: N` and the body's `"code":"…"`; the
     DEFAULT_4XX/DEFAULT_5XX responses stand for any status of their class).

Prints one line per difference and closes with "N passed, M failed" (one check per route and per
status and code); exits 0 only when both tables match.
"""

import glob
import os
import re
import sys

ROUTE_EVENT = re.compile(r"^\s+Path:\s*(/api/\S+)\s*\n\s+Method:\s*(\w+)", re.M)
ENDPOINT_ROW = re.compile(r"^\|\s*`([A-Z]+) (/api/[^`\[\s]+)(?:\[[^\]]*\])?`\s*\|", re.M)
ERROR_ROW = re.compile(r"^\|\s*(\d{3})\s*\|\s*`([a-z_]+)`\s*\|", re.M)
STATUS_METHOD = re.compile(r"int status\(\)\s*\{\s*return (\d{3});")
CODE_METHOD = re.compile(r"String code\(\)\s*\{\s*return \"([a-z_]+)\";")
CLASS_DECLARATION = re.compile(r"\bclass (\w+)(?:<[^>]*>)?(?:\s+extends (\w+))?")
ERROR_RESPONSE = re.compile(r"errorResponse\(\s*(\d{3}),\s*\"([a-z_]+)\"")


def section(text, title):
    """The text of the '## title' section, up to the next '## ' heading."""
    m = re.search(r"^## " + re.escape(title) + r"\s*$", text, re.M)
    if not m:
        return ""
    rest = text[m.end():]
    end = re.search(r"^## ", rest, re.M)
    return rest[: end.start()] if end else rest


def template_routes(template):
    return {f"{m.upper()} {p}" for p, m in ROUTE_EVENT.findall(template)}


def gateway_errors(template):
    """(status, code) of each gateway response; DEFAULT_4XX/5XX give '4xx'/'5xx'."""
    out = set()
    m = re.search(r"^\s+GatewayResponses:\s*\n", template, re.M)
    if not m:
        return out
    block = template[m.end():]
    indent = None
    for entry in re.finditer(r"^(\s+)([A-Z_0-9]+):\s*\n((?:\1\s+.*\n)+)", block, re.M):
        if indent is None:
            indent = entry.group(1)
        elif entry.group(1) != indent:
            break
        name, body = entry.group(2), entry.group(3)
        code = re.search(r'"code":"([a-z_]+)"', body)
        status = re.search(r"StatusCode:\s*(\d{3})", body)
        if not code:
            continue
        if status:
            out.add((status.group(1), code.group(1)))
        elif name.startswith("DEFAULT_"):
            out.add((name[len("DEFAULT_"):].lower(), code.group(1)))
    return out


def code_errors(root):
    """(status, code) of every exception class, a status or code it does not fix inherited."""
    out = set()
    classes = {}  # name -> (superclass, status, code)
    for path in glob.glob(os.path.join(root, "functions/**/src/main/java/**/*.java"), recursive=True):
        with open(path, encoding="utf-8") as f:
            text = f.read()
        declared = CLASS_DECLARATION.search(text)
        if declared:
            s, c = STATUS_METHOD.search(text), CODE_METHOD.search(text)
            classes[declared.group(1)] = (
                declared.group(2),
                s.group(1) if s else None,
                c.group(1) if c else None,
            )
        out.update(ERROR_RESPONSE.findall(text))

    def resolve(name, what, seen=()):
        if name not in classes or name in seen:
            return None
        parent, status, code = classes[name]
        mine = status if what == "status" else code
        return mine if mine is not None else resolve(parent, what, seen + (name,))

    for name in classes:
        status, code = resolve(name, "status"), resolve(name, "code")
        if status and code:
            out.add((status, code))
    return out


def check(root):
    """The differences, and how many checks passed."""
    with open(os.path.join(root, "template.yaml"), encoding="utf-8") as f:
        template = f.read()
    with open(os.path.join(root, "docs/api.md"), encoding="utf-8") as f:
        api = f.read()
    problems, passed = [], 0

    built = template_routes(template)
    documented = {f"{m} {p}" for m, p in ENDPOINT_ROW.findall(section(api, "Endpoints"))}
    if not built:
        problems.append("template.yaml: no Api events found")
    for r in sorted(built - documented):
        problems.append(f"docs/api.md: {r} is a route of template.yaml but not in the endpoint table")
    for r in sorted(documented - built):
        problems.append(f"docs/api.md: {r} is in the endpoint table but not a route of template.yaml")
    passed += len(built & documented)

    produced = code_errors(root) | gateway_errors(template)
    table = set(ERROR_ROW.findall(section(api, "Errors")))
    if not code_errors(root):
        problems.append("functions/: no ApiException with a fixed status and code found")
    for status, code in sorted(produced):
        if status.endswith("xx"):
            ok = any(s.startswith(status[0]) and c == code for s, c in table)
        else:
            ok = (status, code) in table
        if ok:
            passed += 1
        else:
            problems.append(f"docs/api.md: the service answers {status} {code}, the error table does not list it")
    for status, code in sorted(table):
        exact = (status, code) in produced
        by_class = (status[0] + "xx", code) in produced
        if not (exact or by_class):
            problems.append(f"docs/api.md: the error table lists {status} {code}, which nothing answers")
    return problems, passed


def main(argv):
    root = os.path.abspath(argv[1] if len(argv) > 1 else os.path.join(os.path.dirname(__file__), ".."))
    problems, passed = check(root)
    for p in problems:
        print(p)
    print(f"{passed} passed, {len(problems)} failed")
    return 0 if not problems else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
