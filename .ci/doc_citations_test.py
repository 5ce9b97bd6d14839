#!/usr/bin/env python3
"""Tests of .ci/doc_citations.py on small trees made for each case (no git: the checker walks them).

    python3 .ci/doc_citations_test.py      # ends with "N passed, M failed"
"""

import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import doc_citations  # noqa: E402

API = """# The API

## Errors

## Errors

## `Idempotency-Key` and retries (24 h)

- **Lengths**: kem 1088

```
## Not a heading: inside a fence
```

## Datadog sites
"""


class DocCitationsTest(unittest.TestCase):
    def tree(self, files):
        root = tempfile.mkdtemp()
        self.addCleanup(lambda: __import__("shutil").rmtree(root))
        for path, text in {"docs/api.md": API, **files}.items():
            full = os.path.join(root, path)
            os.makedirs(os.path.dirname(full), exist_ok=True)
            with open(full, "w", encoding="utf-8") as f:
                f.write(text)
        return root

    def problems(self, files):
        return doc_citations.Checker(self.tree(files)).run()

    def test_githubAnchor_headingWithPunctuationAndCode_isGithubsId(self):
        a = doc_citations.github_anchor
        self.assertEqual(a("Binding an answer to its request (every client)"),
                         "binding-an-answer-to-its-request-every-client")
        self.assertEqual(a("The client-key file (`quantaseal-client-key/v1`)"),
                         "the-client-key-file-quantaseal-client-keyv1")
        self.assertEqual(a("IAM: one role per function, least privilege"),
                         "iam-one-role-per-function-least-privilege")
        self.assertEqual(a("403"), "403")
        self.assertEqual(a("See [the API](api.md) here"), "see-the-api-here")

    def test_pathCitation_existingFileAndAnchors_passes(self):
        code = (
            "// docs/api.md#errors and docs/api.md#errors-1 (the second heading)\n"
            "// docs/api.md#idempotency-key-and-retries-24-h\n"
            '// docs/api.md, "Datadog" and "Errors"; docs/api.md "Lengths"\n'
        )
        self.assertEqual(self.problems({"src/A.java": code}), [])

    def test_pathCitation_missingFile_isReported(self):
        problems = self.problems({"src/A.java": "/** Seals (docs/vault-sealing.md). */\n"})
        self.assertEqual(problems, ["src/A.java:1: cites docs/vault-sealing.md: no such file"])

    def test_pathCitation_missingAnchor_isReported(self):
        problems = self.problems({"src/A.java": "// docs/api.md#errors-2\n"})
        self.assertEqual(problems, ["src/A.java:1: cites docs/api.md#errors-2: no such section"])

    def test_pathCitation_headingInsideCodeFence_isNoSection(self):
        problems = self.problems({"a.py": "# docs/api.md#not-a-heading-inside-a-fence\n"})
        self.assertEqual(len(problems), 1)
        self.assertIn("no such section", problems[0])

    def test_quotedSection_missing_isReported(self):
        problems = self.problems({"a.ts": '// (docs/api.md, "Datadog" and "Retries")\n'})
        self.assertEqual(problems, ['a.ts:1: cites docs/api.md, "Retries": no such section'])

    def test_pathCitation_relativeToTheCitingFile_resolves(self):
        self.assertEqual(self.problems({"docs/more/b.md": "see ../api.md\n"}), [])
        problems = self.problems({"clients/x/README.md": "see ../docs/nothing.md\n"})
        self.assertEqual(problems, ["clients/x/README.md:1: cites ../docs/nothing.md: no such file"])

    def test_shellVariableAndBuildOutput_areNotCitations(self):
        code = 'cat "$root/README.md" target/jmh-report.md ${dir}/notes.md\n'
        self.assertEqual(self.problems({"run.sh": code}), [])

    def test_markdownLink_brokenTargetOrAnchor_isReported(self):
        md = (
            "[ok](api.md#errors) [self](#here) [url](https://example.com/x.md#y)\n"
            "[gone](nothing.md) [bad](api.md#nope) [badself](#nowhere)\n"
            "## Here\n"
        )
        problems = self.problems({"docs/guide.md": md})
        self.assertEqual(
            problems,
            [
                "docs/guide.md:2: link to nothing.md: no such file",
                "docs/guide.md:2: link to api.md#nope: no such section",
                "docs/guide.md:2: link to #nowhere: no such section",
            ],
        )

    def test_backtickedPath_inMarkdown_mustExistUnlessBuildOutput(self):
        md = (
            "`src/A.java` and `src/` exist; `src/target/x.jar` and `src/.venv/bin` are build output;\n"
            "`src/Gone.java` is not there; `clients/<lang>/ci-test` and `nope/x` are no repository paths\n"
        )
        problems = self.problems({"docs/guide.md": md, "src/A.java": "class A {}\n"})
        self.assertEqual(problems, ["docs/guide.md:2: names src/Gone.java: no such file or folder"])

    def test_designDocument_namedOutsideTheNotes_isReported(self):
        problems = self.problems(
            {
                "src/A.java": '/** (CONTRACT.md, "Errors"); ENVELOPE.md; STYLE.md rule 5 */\n',
                "docs/contract-notes.md": "Written from CONTRACT.md and AUDIT.md (not here).\n",
            }
        )
        self.assertEqual(len(problems), 3)
        self.assertTrue(all(p.startswith("src/A.java:1: cites ") for p in problems))
        self.assertIn("CONTRACT.md, a design document", problems[0])

    def test_main_brokenCitation_failsWithClosingLine(self):
        root = self.tree({"src/A.java": "// docs/gone.md\n", "src/B.java": "// docs/api.md\n"})
        import contextlib
        import io

        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            rc = doc_citations.main(["doc_citations.py", root])
        self.assertEqual(rc, 1)
        self.assertEqual(out.getvalue().splitlines()[-1], "1 passed, 1 failed")


if __name__ == "__main__":
    result = unittest.TextTestRunner(verbosity=1).run(
        unittest.defaultTestLoader.loadTestsFromTestCase(DocCitationsTest)
    )
    failed = len(result.failures) + len(result.errors)
    # The closing line ./test-all counts.
    print(f"{result.testsRun - failed} passed, {failed} failed")
    sys.exit(0 if result.wasSuccessful() else 1)
