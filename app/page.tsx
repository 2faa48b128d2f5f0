import { UploadForm } from "@/components/upload-form";
import { getConfig } from "@/lib/config";
import { maintenanceMessage } from "@/lib/http/maintenance";
import { formatBytes } from "@/lib/http/read-body";
import { formatUsd } from "@/lib/format/format-numbers";

export default function HomePage() {
  const config = getConfig();

  return (
    <>
      <h1>Score your property list</h1>
      <p>
        Upload a CSV of property addresses. Curbscore looks at each house on Google Street View and scores visible distress from 0 to
        100, with the signs it saw and its reasoning. You review the list and the price before you pay {formatUsd(config.pricePerPropertyCents)}{" "}
        per property.
      </p>
      <div className="card">
        {config.maintenanceMode ? (
          // proxy.ts returns a 503 for this page during maintenance. This notice covers a request it did not match.
          <div className="notice" role="status">
            {maintenanceMessage("upload", config.maintenanceRetryAfterSeconds)}
          </div>
        ) : (
          <UploadForm maxRows={config.maxUploadRows} maxBytesLabel={formatBytes(config.maxUploadBytes)} reuseDays={config.scoreReuseDays} />
        )}
      </div>
      <p className="hint">
        Accepted layouts: separate street, city, state and ZIP columns; one full-address column; Redfin exports; lists with a property
        and a mailing address (the property address is used); latitude and longitude columns (used instead of geocoding).
      </p>
    </>
  );
}
