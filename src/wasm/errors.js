// The one constructor of the errors this package throws (src/wasm/errors.rs binds it for Rust;
// args.js uses it for the checks it makes itself): a real Error named PortOneVerifyError with
// a stable `code` and, when given, the dotted `path` of the offending field.
export function codedError(code, message, path) {
  const error = new Error(message);
  error.name = "PortOneVerifyError";
  error.code = code;
  if (path !== undefined) error.path = path;
  return error;
}
