import type { CampaignStatus, Prisma, PropertyStatus } from "@prisma/client";
import Link from "next/link";
import { getDb } from "@/lib/db";
import { formatCount, formatCountOf } from "@/lib/format/format-numbers";
import { locationPrecisionLabel, statusLabels, tierLabel } from "@/lib/labels/customer-labels";
import { terminalStatuses } from "@/lib/pipeline/property-status";

const pageSize = 50;

/** Results of one campaign: filter by status, sort by row or score, 50 per page, server-rendered. */
export async function ResultsTable(props: {
  campaignId: string;
  campaignStatus: CampaignStatus;
  token: string;
  statusFilter?: string;
  sort?: string;
  page: number;
}) {
  const status = terminalStatuses.includes(props.statusFilter as PropertyStatus) ? (props.statusFilter as PropertyStatus) : undefined;
  const byScore = props.sort === "score";
  const page = Number.isInteger(props.page) && props.page > 0 ? props.page : 1;

  const where: Prisma.PropertyWhereInput = { campaignId: props.campaignId, ...(status ? { status } : { status: { in: terminalStatuses } }) };
  const [total, properties] = await Promise.all([
    getDb().property.count({ where }),
    getDb().property.findMany({
      where,
      orderBy: byScore ? [{ score: { sort: "desc", nulls: "last" } }, { rowNumber: "asc" }] : { rowNumber: "asc" },
      skip: (page - 1) * pageSize,
      take: pageSize,
      include: { image: { select: { propertyId: true } } },
    }),
  ]);
  const pages = Math.max(1, Math.ceil(total / pageSize));

  const imageUrl = (propertyId: string) => `/api/campaigns/${props.campaignId}/properties/${propertyId}/image?t=${encodeURIComponent(props.token)}`;

  const currentSort = byScore ? "score" : null;
  const href = (changes: { status?: string | null; sort?: string | null; page?: number }) => {
    const query = new URLSearchParams({ t: props.token });
    const nextStatus = changes.status === undefined ? status : changes.status;
    const nextSort = changes.sort === undefined ? currentSort : changes.sort;
    if (nextStatus) query.set("status", nextStatus);
    if (nextSort) query.set("sort", nextSort);
    if (changes.page && changes.page > 1) query.set("page", String(changes.page));
    return `/campaigns/${props.campaignId}?${query.toString()}`;
  };

  return (
    <section className="card" aria-label="Results">
      <h2>Results</h2>
      <nav className="filters" aria-label="Filter by status">
        <Link href={href({ status: null })} aria-current={!status}>
          All finished
        </Link>
        {terminalStatuses.map((value) => (
          <Link key={value} href={href({ status: value })} aria-current={status === value}>
            {statusLabels[value]}
          </Link>
        ))}
        <Link href={href({ sort: byScore ? null : "score", page: 1 })}>{byScore ? "Sort by row" : "Sort by score, highest first"}</Link>
      </nav>

      {properties.length === 0 && page > pages ? (
        <p className="hint" data-testid="page-out-of-range">
          There is no page {formatCount(page)}: these results fill {formatCountOf(pages, "page", "pages")}.{" "}
          <Link href={href({ page: 1 })}>Go to the first page</Link>.
        </p>
      ) : properties.length === 0 ? (
        <p className="hint">{describeEmptyResults(props.campaignStatus === "completed", status)}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Row</th>
              <th>Address</th>
              <th>Location</th>
              <th>Score</th>
              <th>Tier</th>
              <th>Confidence</th>
              <th>Indicators</th>
              <th>Reasoning</th>
              <th>Imagery date</th>
              <th>Image</th>
            </tr>
          </thead>
          <tbody>
            {properties.map((property) => (
              <tr key={property.id}>
                <td>{property.rowNumber}</td>
                <td>{property.normalizedAddress}</td>
                <td>{locationPrecisionLabel(property.locationType) || "—"}</td>
                <td>
                  {property.score ?? "—"}
                  {property.reusedFromPropertyId && property.finishedAt && (
                    <div className="hint" data-testid="reused-from">
                      reused from {formatDate(property.finishedAt)}
                    </div>
                  )}
                </td>
                <td>
                  {property.tier ? (
                    <span className={`tier ${property.tier}`}>{tierLabel(property.tier)}</span>
                  ) : (
                    statusLabels[property.status]
                  )}
                </td>
                <td>{property.confidence ?? "—"}</td>
                <td>{property.indicators.length ? property.indicators.join(", ") : "—"}</td>
                <td className="reasoning">{property.reasoning ?? property.failureReason ?? "—"}</td>
                <td>{property.imageryDate ?? "—"}</td>
                <td>
                  {property.image ? (
                    // The full-size image opens in a new tab; no-referrer keeps the token out of other sites' logs.
                    <a href={imageUrl(property.id)} target="_blank" rel="noopener noreferrer" title="Open the full-size image">
                      {/* eslint-disable-next-line @next/next/no-img-element -- served by the app's own image route */}
                      <img src={imageUrl(property.id)} alt={`Street View of ${property.normalizedAddress}`} loading="lazy" />
                    </a>
                  ) : (
                    "—"
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <div className="pager" hidden={page > pages}>
        {page > 1 && <Link href={href({ page: page - 1 })}>Previous</Link>}
        <span className="hint">
          Page {formatCount(page)} of {formatCount(pages)} · {formatCountOf(total, "property", "properties")}
        </span>
        {page < pages && <Link href={href({ page: page + 1 })}>Next</Link>}
      </div>
    </section>
  );
}

/** Words the empty-table message, saying "yet" only while the campaign can still finish properties. */
function describeEmptyResults(campaignComplete: boolean, status: PropertyStatus | undefined): string {
  const withStatus = status ? ` with status “${statusLabels[status]}”` : "";
  return campaignComplete ? `No properties${withStatus}.` : `No finished properties${withStatus} yet.`;
}

/** A scoring date as the customer reads it, e.g. "Dec 4, 2026". */
function formatDate(date: Date): string {
  return date.toLocaleDateString("en-US", { year: "numeric", month: "short", day: "numeric", timeZone: "UTC" });
}
