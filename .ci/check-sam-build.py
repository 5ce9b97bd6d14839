#!/usr/bin/env python3
"""Checks what `sam build` produced (run by ./test-all after the build; needs the .venv).

For every AWS::Serverless::Function of the built template: its CodeUri folder holds exactly one
jar in lib/ (where the Lambda Java runtime looks), and that jar is a proper deployment package:
the handler class is in it, with the AWS SDK's HTTP-client service file and the merged Log4j
plugin cache, no leftover jar signatures, no test engines, and sizes under Lambda's limits
(50 MB zipped for a direct upload, 250 MB unzipped).

usage: check-sam-build.py <build dir (holds template.yaml)>
"""
import sys
import zipfile
from pathlib import Path

from samtranslator.yaml_helper import yaml_parse

ZIPPED_LIMIT = 50 * 1024 * 1024
UNZIPPED_LIMIT = 250 * 1024 * 1024
REQUIRED = [
    "META-INF/services/software.amazon.awssdk.http.SdkHttpService",
    "META-INF/org/apache/logging/log4j/core/config/plugins/Log4j2Plugins.dat",
    "com/amazonaws/services/lambda/runtime/RequestHandler.class",
]
FORBIDDEN_PREFIXES = ["org/junit/", "software/amazon/dynamodb/services/local/", "com/github/tomakehurst/"]


def main(build_dir: Path) -> int:
    template = yaml_parse((build_dir / "template.yaml").read_text())
    failures = []
    checked = 0
    for name, resource in sorted(template["Resources"].items()):
        if resource.get("Type") != "AWS::Serverless::Function":
            continue
        props = resource["Properties"]
        handler_class = props["Handler"].split("::")[0]
        jars = sorted((build_dir / props["CodeUri"] / "lib").glob("*.jar"))
        if len(jars) != 1:
            failures.append(f"{name}: expected one jar in {props['CodeUri']}/lib, found {jars}")
            continue
        jar = jars[0]
        with zipfile.ZipFile(jar) as z:
            infos = z.infolist()
            names = {i.filename for i in infos}
            unzipped = sum(i.file_size for i in infos)
            problems = []
            class_file = handler_class.replace(".", "/") + ".class"
            if class_file not in names:
                problems.append(f"handler {class_file} missing")
            problems += [f"{r} missing" for r in REQUIRED if r not in names]
            signatures = [n for n in names if n.startswith("META-INF/") and n.endswith((".SF", ".RSA", ".DSA", ".EC"))]
            if signatures:
                problems.append(f"jar signatures left: {signatures[:3]}")
            stray = sorted({p for p in FORBIDDEN_PREFIXES for n in names if n.startswith(p)})
            if stray:
                problems.append(f"test-only code packaged: {stray}")
            manifest = z.read("META-INF/MANIFEST.MF").decode()
            if "Multi-Release: true" not in manifest:
                problems.append("manifest lacks Multi-Release: true")
            if z.testzip() is not None:
                problems.append("corrupt entry")
        zipped = jar.stat().st_size
        if zipped > ZIPPED_LIMIT:
            problems.append(f"{zipped} bytes zipped > {ZIPPED_LIMIT}")
        if unzipped > UNZIPPED_LIMIT:
            problems.append(f"{unzipped} bytes unzipped > {UNZIPPED_LIMIT}")
        status = "ok" if not problems else "FAILED: " + "; ".join(problems)
        print(f"  {name:26} {jar.name:48} {zipped / 1e6:5.1f} MB zipped, {unzipped / 1e6:5.1f} MB unzipped  {status}")
        failures += [f"{name}: {p}" for p in problems]
        checked += 1
    if checked == 0:
        failures.append("no functions in the built template")
    if failures:
        print("check-sam-build: FAILED\n  " + "\n  ".join(failures), file=sys.stderr)
        return 1
    print(f"check-sam-build: {checked} functions packaged correctly")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(Path(sys.argv[1])))
