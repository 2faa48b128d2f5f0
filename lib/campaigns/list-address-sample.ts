import { getDb } from "@/lib/db";

/** Properties the review screen shows as read from the file, so a customer can check the reading before paying. */
export const addressSampleSize = 5;

export type SampleAddress = {
  rowNumber: number;
  street: string;
  city: string | null;
  state: string | null;
  zip: string | null;
  /** Whether the list gave coordinates, which are used in place of geocoding. */
  hasCoordinates: boolean;
};

/** Lists the first properties of a campaign in file order, with the address as the import read it. */
export async function listAddressSample(campaignId: string): Promise<SampleAddress[]> {
  const rows = await getDb().property.findMany({
    where: { campaignId },
    orderBy: { rowNumber: "asc" },
    take: addressSampleSize,
    select: { rowNumber: true, street: true, city: true, state: true, zip: true, inputLatitude: true, inputLongitude: true },
  });
  return rows.map(({ inputLatitude, inputLongitude, ...address }) => ({ ...address, hasCoordinates: inputLatitude !== null && inputLongitude !== null }));
}
