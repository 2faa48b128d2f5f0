/** Address parts that a header cell can name. */
export type ColumnRole = "street" | "city" | "state" | "zip" | "latitude" | "longitude";

/**
 * Header names of each role, after `normalizeHeaderName` and with the qualifier words below
 * removed, so "Property Address", "SITUS_ADDRESS" and "fullAddress" all match "address".
 */
export const aliasesByRole: Readonly<Record<ColumnRole, readonly string[]>> = {
  street: [
    "address",
    "addr",
    "street",
    "street address",
    "streetaddress",
    "address line 1",
    "address line",
    "address 1",
    "addr 1",
    "street 1",
    "street line 1",
    "fulladdress",
  ],
  city: ["city", "town", "city name", "municipality", "city town", "city or town"],
  state: ["state", "st", "state or province", "province", "state province", "state code", "state abbreviation", "state abbr"],
  zip: [
    "zip",
    "zip code",
    "zipcode",
    "zip 5",
    "zip or postal code",
    "zip postal code",
    "postal code",
    "postcode",
    "postal",
  ],
  latitude: ["latitude", "lat", "y"],
  longitude: ["longitude", "lon", "lng", "long", "x"],
};

/** Words marking the property's own address, preferred when a file has several addresses. */
export const propertyQualifiers: ReadonlySet<string> = new Set([
  "property",
  "prop",
  "site",
  "situs",
  "location",
  "physical",
  "premise",
  "premises",
  "parcel",
  "subject",
]);

/** Words marking someone else's address (the owner's, the mailing one), skipped when another column exists. */
export const otherPartyQualifiers: ReadonlySet<string> = new Set([
  "mail",
  "mailing",
  "owner",
  "owners",
  "billing",
  "bill",
  "tax",
  "taxpayer",
  "contact",
  "agent",
  "seller",
  "buyer",
  "grantor",
  "grantee",
  "respondent",
  "previous",
  "prior",
  "former",
]);

/** Words that change nothing about the role ("Full Address"). */
export const neutralQualifiers: ReadonlySet<string> = new Set(["full", "the"]);

/** Header names shown to the customer when no address column is found. */
export const acceptedStreetHeaders = [
  "Address",
  "Street Address",
  "Property Address",
  "Site Address",
  "Full Address",
  "Address Line 1",
  "Street",
] as const;

/**
 * Lower-cases a header cell, splits camelCase and letter-digit joins ("fullAddress",
 * "address1"), replaces punctuation such as `#`, `.`, `_` and `/` with spaces and collapses
 * runs of whitespace.
 */
export function normalizeHeaderName(cell: string): string {
  return cell
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .replace(/([a-zA-Z])(\d)/g, "$1 $2")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}
