import { describe, expect, it } from "vitest";
import { normalizeHeaderName } from "@/lib/import/column-aliases";
import { detectColumns } from "@/lib/import/detect-columns";
import { captureUploadError } from "./capture-upload-error";

function detect(header: string[], sampleRecords: string[][] = []) {
  return detectColumns(header, sampleRecords, "list.csv");
}

describe("normalizeHeaderName", () => {
  it.each([
    ["case and spacing", "  Zip   Code ", "zip code"],
    ["camelCase", "fullAddress", "full address"],
    ["punctuation", "Address_Line.1", "address line 1"],
    ["hash", "Unit #", "unit"],
    ["letter-digit join", "address1", "address 1"],
    ["double and trailing spaces", "Parcel  Class ", "parcel class"],
  ])("%s", (_case, cell, expected) => {
    expect(normalizeHeaderName(cell)).toBe(expected);
  });
});

describe("detectColumns", () => {
  it.each([
    ["address", ["Address", "City", "State", "Zip"]],
    ["street", ["Street", "City", "State", "Zip"]],
    ["street address", ["Street Address", "Town", "ST", "Zip Code"]],
    ["address line 1", ["Address Line 1", "City", "State or Province", "Postal Code"]],
    ["property address", ["PROPERTY_ADDRESS", "PROPERTY_CITY", "PROPERTY_STATE", "PROPERTY_ZIP"]],
    ["site address", ["Site Address", "Site City", "Site State", "Site Zip"]],
    ["situs address", ["situs.address", "situs.city", "situs.state", "situs.zipcode"]],
    ["camelCase", ["streetAddress", "city", "state", "zipCode"]],
    ["hash and dots", ["Address #", "City.", "State_", "Zip or Postal Code"]],
  ])("separate columns named %s", (_case, header) => {
    expect(detect(header)).toEqual({
      layout: "separate_columns",
      mapping: { street: 0, city: 1, state: 2, zip: 3 },
    });
  });

  it("Redfin export", () => {
    const header = ["SALE TYPE", "ADDRESS", "CITY", "STATE OR PROVINCE", "ZIP OR POSTAL CODE", "LOCATION", "LATITUDE", "LONGITUDE"];
    expect(detect(header)).toEqual({
      layout: "redfin",
      mapping: { street: 1, city: 2, state: 3, zip: 4, latitude: 6, longitude: 7 },
    });
  });

  it("single full-address column", () => {
    expect(detect(["address", "lat", "lon"])).toEqual({
      layout: "single_column",
      mapping: { street: 0, latitude: 1, longitude: 2 },
    });
  });

  it("single column with a ZIP column", () => {
    expect(detect(["Full Address", "Zip"])).toEqual({ layout: "single_column", mapping: { street: 0, zip: 1 } });
  });

  it("property address beside mailing address", () => {
    const header = ["Owner", "Mailing Address", "Mailing City", "Mailing State", "Mailing Zip", "Property Address", "Property City", "Property State", "Property Zip"];
    expect(detect(header).mapping).toEqual({ street: 5, city: 6, state: 7, zip: 8 });
  });

  it("plain address beside owner address", () => {
    const header = ["Owner Address", "Owner City", "Owner State", "Address", "City", "State"];
    expect(detect(header).mapping).toEqual({ street: 3, city: 4, state: 5 });
  });

  it("property street never takes a mailing city", () => {
    const header = ["Site Address", "Mail Address", "Mail City", "Mail State"];
    expect(detect(header)).toEqual({ layout: "single_column", mapping: { street: 0 } });
  });

  it("mailing address as only address", () => {
    const header = ["Name", "Mailing Address", "Mailing City", "Mailing State"];
    expect(detect(header).mapping).toEqual({ street: 1, city: 2, state: 3 });
  });

  it("location qualifier preferred over plain name", () => {
    expect(detect(["Address", "Location Address"]).mapping.street).toBe(1);
  });

  it.each([
    ["latitude and longitude", ["Address", "Latitude", "Longitude"]],
    ["lat and lng", ["Address", "lat", "lng"]],
    ["lat and long", ["Address", "LAT", "LONG"]],
    ["y and x", ["Address", "Y", "X"]],
  ])("coordinates named %s", (_case, header) => {
    expect(detect(header).mapping).toEqual({ street: 0, latitude: 1, longitude: 2 });
  });

  it("latitude without longitude ignored", () => {
    expect(detect(["Address", "Latitude"]).mapping).toEqual({ street: 0 });
  });

  it("packed location column found by content", () => {
    const header = ["fullAddress", "neighborhood", "Location 1"];
    const records = [
      ["715 N FREMONT AVE", "UPTON", "(39.2973522251, -76.6331659571)"],
      ["626 N KENWOOD AVE", "MCELDERRY PARK", "(39.2984903145, -76.5782719575)"],
      ["0", "UPTON", ""],
    ];
    expect(detect(header, records).mapping).toEqual({ street: 0, packedLocation: 2 });
  });

  it("neighborhood LOCATION column not packed", () => {
    const records = [["1 Main St", "FORT DUPONT PARK"]];
    expect(detect(["Address", "LOCATION"], records).mapping).toEqual({ street: 0 });
  });

  it("column with few coordinate pairs not packed", () => {
    const records = [["1 Main St", "(39.29, -76.63)"], ["2 Main St", "see notes"], ["3 Main St", "none"]];
    expect(detect(["Address", "Notes"], records).mapping).toEqual({ street: 0 });
  });

  it("no address column", () => {
    const error = captureUploadError(() => detect(["Name", "Phone", "Parcel"]));
    expect(error.code).toBe("no_address_column");
    expect(error.message).toContain('"Name", "Phone", "Parcel"');
    expect(error.message).toContain('"Property Address"');
  });

  it("no address column lists at most 20 headers", () => {
    const header = Array.from({ length: 25 }, (_, index) => `Column ${index + 1}`);
    const error = captureUploadError(() => detect(header));
    expect(error.message).toContain('"Column 20" and 5 more');
    expect(error.message).not.toContain('"Column 21"');
  });
});
