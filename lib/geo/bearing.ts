/**
 * Returns the initial great-circle bearing from one point to another, in degrees clockwise from
 * true north (0 to 360). Used as the Street View heading from the panorama to the house.
 */
export function bearingDegrees(
  from: { latitude: number; longitude: number },
  to: { latitude: number; longitude: number },
): number {
  const toRadians = (degrees: number) => (degrees * Math.PI) / 180;
  const fromLatitude = toRadians(from.latitude);
  const toLatitude = toRadians(to.latitude);
  const deltaLongitude = toRadians(to.longitude - from.longitude);

  const y = Math.sin(deltaLongitude) * Math.cos(toLatitude);
  const x =
    Math.cos(fromLatitude) * Math.sin(toLatitude) -
    Math.sin(fromLatitude) * Math.cos(toLatitude) * Math.cos(deltaLongitude);

  const degrees = (Math.atan2(y, x) * 180) / Math.PI;
  return Math.round(((degrees + 360) % 360) * 100) / 100;
}
