/**
 * Parser for Stripe's form encoding, where nesting is written with brackets:
 * `line_items[0][price_data][currency]=usd`, `metadata[campaignId]=...`, `expand[]=line_items`.
 * Objects whose keys are all indices become arrays in index order.
 */
export type FormValue = string | FormValue[] | { [key: string]: FormValue };
export type FormObject = { [key: string]: FormValue };

/** A parameter name or nesting that cannot be decoded; `param` names it as Stripe would. */
export class FormParseError extends Error {
  constructor(
    message: string,
    readonly param: string,
  ) {
    super(message);
  }
}

const keyPattern = /^([^[\]]+)((?:\[[^[\]]*\])*)$/;

/** Parses an `application/x-www-form-urlencoded` body or query string into nested values. */
export function parseStripeForm(text: string): FormObject {
  const root: FormObject = {};

  for (const [name, value] of new URLSearchParams(text)) {
    const match = keyPattern.exec(name);
    if (!match) {
      throw new FormParseError(`Invalid parameter name: ${name}`, name);
    }

    const path = [match[1] ?? "", ...[...(match[2] ?? "").matchAll(/\[([^[\]]*)\]/g)].map((part) => part[1] ?? "")];
    assignPath(root, path, value, name);
  }

  return arraysFromIndexedObjects(root) as FormObject;
}

function assignPath(root: FormObject, path: string[], value: string, name: string): void {
  let node: FormObject = root;

  for (let index = 0; index < path.length; index += 1) {
    // An empty segment (`expand[]`) appends at the next free index.
    const segment = path[index] === "" ? String(Object.keys(node).length) : (path[index] ?? "");
    const isLast = index === path.length - 1;
    const existing = node[segment];

    if (isLast) {
      if (existing !== undefined && typeof existing !== "string") {
        throw new FormParseError(`Parameter ${name} is given both as a value and as a nested object.`, name);
      }
      node[segment] = value;
      return;
    }

    if (existing === undefined) {
      const child: FormObject = {};
      node[segment] = child;
      node = child;
    } else if (typeof existing === "object" && !Array.isArray(existing)) {
      node = existing;
    } else {
      throw new FormParseError(`Parameter ${name} is given both as a value and as a nested object.`, name);
    }
  }
}

function arraysFromIndexedObjects(value: FormValue): FormValue {
  if (typeof value === "string" || Array.isArray(value)) {
    return value;
  }

  const keys = Object.keys(value);
  const converted: FormObject = {};
  for (const key of keys) {
    converted[key] = arraysFromIndexedObjects(value[key] ?? "");
  }

  if (keys.length > 0 && keys.every((key) => /^\d+$/.test(key))) {
    return keys
      .map(Number)
      .sort((a, b) => a - b)
      .map((key) => converted[String(key)] ?? "");
  }
  return converted;
}

/** Writes a nested parameter path the way Stripe names it in errors: `line_items[0][quantity]`. */
export function formatParamPath(path: ReadonlyArray<PropertyKey>): string {
  const [first, ...rest] = path.map(String);
  return `${first ?? ""}${rest.map((part) => `[${part}]`).join("")}`;
}
