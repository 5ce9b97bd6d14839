#!/usr/bin/env python3
"""Tests of .ci/api_doc.py on small trees made for each case.

    python3 .ci/api_doc_test.py      # ends with "N passed, M failed"
"""

import os
import shutil
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import api_doc  # noqa: E402

TEMPLATE = """Resources:
  QuantaSealApi:
    Properties:
      GatewayResponses:
        UNAUTHORIZED:
          StatusCode: 401
          ResponseTemplates:
            application/json: '{"error":{"code":"missing_api_key","message":"m","request_id":"r"}}'
        DEFAULT_5XX:
          ResponseTemplates:
            application/json: '{"error":{"code":"internal_error","message":"m","request_id":"r"}}'

  SealFunction:
    Properties:
      Events:
        Seal:
          Type: Api
          Properties:
            RestApiId: !Ref QuantaSealApi
            Path: /api/v2/vault/seal
            Method: POST
        Delete:
          Type: Api
          Properties:
            RestApiId: !Ref QuantaSealApi
            Path: /api/v2/vault/entries/{id}
            Method: delete
"""

EXCEPTION = """package x;
public final class NotFoundException extends ApiException {
  @Override
  public int status() {
    return 404;
  }

  @Override
  public String code() {
    return "not_found";
  }
}
"""

MAPPER = """class ApiErrorMapper {
  Object f() { return errorResponse(
          503,
          "key_unavailable", "m", id); }
}
"""

API = """# API

## Errors

| status | code | when |
| --- | --- | --- |
| 401 | `missing_api_key` | no key |
| 404 | `not_found` | nothing |
| 500 | `internal_error` | a bug; API Gateway's 5xx |
| 503 | `key_unavailable` | KMS |

## Endpoints

| method and path | answer |
| --- | --- |
| `POST /api/v2/vault/seal` | 201 |
| `DELETE /api/v2/vault/entries/{id}[?force=true]` | 204 |

## Later

| `GET /api/v2/not/an/endpoint/row` | this table is not the endpoint table |
"""


class ApiDocTest(unittest.TestCase):
    def tree(self, api=API, template=TEMPLATE):
        root = tempfile.mkdtemp()
        self.addCleanup(lambda: shutil.rmtree(root))
        files = {
            "template.yaml": template,
            "docs/api.md": api,
            "functions/common/src/main/java/x/NotFoundException.java": EXCEPTION,
            "functions/common/src/main/java/x/ApiErrorMapper.java": MAPPER,
        }
        for path, text in files.items():
            os.makedirs(os.path.dirname(os.path.join(root, path)), exist_ok=True)
            with open(os.path.join(root, path), "w", encoding="utf-8") as f:
                f.write(text)
        return root

    def test_check_tablesMatchTheCode_passesEveryRouteAndCode(self):
        problems, passed = api_doc.check(self.tree())
        self.assertEqual(problems, [])
        self.assertEqual(passed, 2 + 4)

    def test_check_routeMissingFromTheTable_isReported(self):
        api = API.replace("| `POST /api/v2/vault/seal` | 201 |\n", "")
        problems, _ = api_doc.check(self.tree(api=api))
        self.assertEqual(
            problems,
            ["docs/api.md: POST /api/v2/vault/seal is a route of template.yaml but not in the"
             " endpoint table"],
        )

    def test_check_endpointThatIsNotBuilt_isReported(self):
        api = API.replace("| `POST /api/v2/vault/seal` | 201 |\n",
                          "| `POST /api/v2/vault/seal` | 201 |\n| `GET /api/v2/audit` | 200 |\n")
        problems, _ = api_doc.check(self.tree(api=api))
        self.assertEqual(
            problems,
            ["docs/api.md: GET /api/v2/audit is in the endpoint table but not a route of"
             " template.yaml"],
        )

    def test_check_codeTheServiceAnswersButTheTableLacks_isReported(self):
        api = API.replace("| 503 | `key_unavailable` | KMS |\n", "")
        problems, _ = api_doc.check(self.tree(api=api))
        self.assertEqual(
            problems,
            ["docs/api.md: the service answers 503 key_unavailable, the error table does not list it"],
        )

    def test_check_wrongStatusForACode_isReportedBothWays(self):
        api = API.replace("| 404 | `not_found` |", "| 400 | `not_found` |")
        problems, _ = api_doc.check(self.tree(api=api))
        self.assertEqual(
            problems,
            [
                "docs/api.md: the service answers 404 not_found, the error table does not list it",
                "docs/api.md: the error table lists 400 not_found, which nothing answers",
            ],
        )

    def test_codeErrors_subclassWithItsOwnCode_inheritsTheStatus(self):
        root = self.tree()
        sub = os.path.join(root, "functions/common/src/main/java/x/GoneException.java")
        with open(sub, "w", encoding="utf-8") as f:
            f.write('final class GoneException extends NotFoundException {\n'
                    '  @Override\n  public String code() {\n    return "gone";\n  }\n}\n')
        self.assertIn(("404", "gone"), api_doc.code_errors(root))
        problems, _ = api_doc.check(root)
        self.assertEqual(
            problems,
            ["docs/api.md: the service answers 404 gone, the error table does not list it"],
        )

    def test_check_defaultGatewayResponse_coversItsStatusClass(self):
        self.assertIn(("5xx", "internal_error"), api_doc.gateway_errors(TEMPLATE))
        self.assertIn(("401", "missing_api_key"), api_doc.gateway_errors(TEMPLATE))

    def test_check_noExceptionsFound_fails(self):
        root = self.tree()
        shutil.rmtree(os.path.join(root, "functions"))
        problems, _ = api_doc.check(root)
        self.assertIn("functions/: no ApiException with a fixed status and code found", problems)


if __name__ == "__main__":
    result = unittest.TextTestRunner(verbosity=1).run(
        unittest.defaultTestLoader.loadTestsFromTestCase(ApiDocTest)
    )
    failed = len(result.failures) + len(result.errors)
    # The closing line ./test-all counts.
    print(f"{result.testsRun - failed} passed, {failed} failed")
    sys.exit(0 if result.wasSuccessful() else 1)
