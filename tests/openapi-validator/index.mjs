// The command the Delivery API tests run: node openapi-validator.mjs FILE
// Checks FILE against the official JSON schema of its OpenAPI version (2.0, 3.0, 3.1, 3.2) and that
// every $ref in it resolves; prints what is wrong and exits 1, or prints the version and exits 0.
import { Validator } from "@seriousme/openapi-schema-validator";

const file = process.argv[2];
if (!file) {
  console.error("usage: node openapi-validator.mjs FILE");
  process.exit(2);
}
const validator = new Validator();
const result = await validator.validate(file);
if (!result.valid) {
  console.error(`${file}: not a valid OpenAPI document`);
  console.error(typeof result.errors === "string" ? result.errors : JSON.stringify(result.errors, null, 2));
  process.exit(1);
}
console.log(`${file}: valid OpenAPI ${validator.version}`);
