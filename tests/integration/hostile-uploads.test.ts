import { randomBytes } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import http from "node:http";
import { parse } from "csv-parse/sync";
import iconv from "iconv-lite";
import { afterAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { encodePng } from "../../emulator/png";
import { findListeningPid } from "../../scripts/stack/listening-addresses";
import { closeDb, db, stack } from "./helpers/stack-client";

/** The app's limits: the documented defaults unless the environment the stack inherits sets them. */
const maxUploadBytes = Number(process.env.MAX_UPLOAD_BYTES ?? 25 * 1024 * 1024);
const maxUploadRows = Number(process.env.MAX_UPLOAD_ROWS ?? 50_000);
const maxColumns = 500;

const errorAnswer = z.object({ error: z.object({ code: z.string(), message: z.string(), details: z.object({ reason: z.string() }).partial().optional() }) });
const createdAnswer = z.object({ campaignId: z.uuid(), pageUrl: z.url() });

afterAll(closeDb);

describe("hostile uploads", () => {
  it("two million rows stop at the row limit with bounded memory", async () => {
    const rowCount = 2_000_000;
    const bytes = Buffer.from(`Address\n${Array.from({ length: rowCount }, (_, index) => `${index} Oak\n`).join("")}`);
    expect(bytes.byteLength).toBeLessThan(maxUploadBytes);
    expect(bytes.byteLength).toBeGreaterThan(20 * 1024 * 1024);

    const { response, growthBytes } = await measureAppMemory(() => upload(bytes, "two-million.csv"));
    const error = errorAnswer.parse(await response.json()).error;

    expect(response.status).toBe(422);
    expect(error.details?.reason).toBe("too_many_rows");
    expect(error.message).toContain(`about ${rowCount.toLocaleString("en-US")} address rows`);
    expect(error.message).toContain(`limit of ${maxUploadRows.toLocaleString("en-US")}`);
    // The route holds the body once, its decoded text and at most the records up to the row
    // limit. Reading all two million records would take several hundred megabytes.
    expect(growthBytes).toBeLessThan(3 * bytes.byteLength + 150 * 1024 * 1024);
  });

  it("800 columns in the header rejected", async () => {
    const header = ["Address", ...Array.from({ length: 799 }, (_, index) => `Column ${index}`)].join(",");
    const response = await upload(Buffer.from(`${header}\n1 Main St\n`), "wide.csv");
    const error = errorAnswer.parse(await response.json()).error;

    expect(response.status).toBe(422);
    expect(error.details?.reason).toBe("too_many_columns");
    expect(error.message).toContain("800 columns in the header row");
    expect(error.message).toContain(`limit of ${maxColumns}`);
  });

  it("800 columns in a data row rejected", async () => {
    const wide = ["3 Main St", ...Array.from({ length: 799 }, () => "x")].join(",");
    const response = await upload(Buffer.from(`Address,City,State\n1 Main St,Baltimore,MD\n2 Main St,Baltimore,MD\n${wide}\n`), "wide-row.csv");
    const error = errorAnswer.parse(await response.json()).error;

    expect(response.status).toBe(422);
    expect(error.details?.reason).toBe("too_many_columns");
    expect(error.message).toContain("800 columns in data row 3");
  });

  it("random binary bytes named .csv rejected", async () => {
    const response = await upload(randomBytes(256 * 1024), "list.csv");
    const error = errorAnswer.parse(await response.json()).error;

    expect(response.status).toBe(422);
    expect(error.details?.reason).toBe("not_text");
    expect(error.message).toContain("not a CSV text file");
    expect(error.message).toContain('"list.csv"');
  });

  it("PNG renamed .csv rejected", async () => {
    const pixels = Uint8Array.from({ length: 64 * 64 * 3 }, (_, index) => (index * 37) % 256);
    const png = encodePng({ width: 64, height: 64, pixels });
    const response = await upload(png, "addresses.csv");
    const error = errorAnswer.parse(await response.json()).error;

    expect(response.status).toBe(422);
    expect(error.details?.reason).toBe("not_text");
    expect(error.message).toContain("PNG image");
  });

  it("header-only file rejected", async () => {
    const response = await upload(Buffer.from("Address,City,State,Zip\r\n"), "header.csv");
    const error = errorAnswer.parse(await response.json()).error;

    expect(response.status).toBe(422);
    expect(error.details?.reason).toBe("header_only");
    expect(error.message).toContain("has a header row but no address rows");
  });

  it("empty file rejected", async () => {
    const response = await upload(Buffer.alloc(0), "empty.csv");
    const error = errorAnswer.parse(await response.json()).error;

    expect(response.status).toBe(422);
    expect(error.message).toContain('"empty.csv" is empty');
  });

  it("file over the byte limit rejected", async () => {
    const boundary = "----curbscore-test-boundary";
    const chunks = [
      Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="huge.csv"\r\ncontent-type: text/csv\r\n\r\n`),
      Buffer.alloc(maxUploadBytes + 1024 * 1024, "1 Main St,Baltimore,MD\n"),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ];
    const contentLength = String(chunks.reduce((sum, part) => sum + part.byteLength, 0));
    const headers = { "content-type": `multipart/form-data; boundary=${boundary}`, "content-length": contentLength };
    // Only the part's head is written: the route must reject on the declared length alone. Writing
    // the rest races the server's close of the connection, and a write that fails first hides the response.
    const { status, body } = await postOnOwnConnection(`${stack.appUrl}/api/uploads`, headers, chunks.slice(0, 1), { keepOpen: true });
    const error = errorAnswer.parse(JSON.parse(body)).error;

    expect(status).toBe(413);
    expect(error.code).toBe("payload_too_large");
    expect(error.message).toContain(`larger than the ${Math.round(maxUploadBytes / (1024 * 1024))} MB limit`);
  });

  it("streamed file over the byte limit stops at the limit", async () => {
    // No content-length: the route can only find the size while reading the file part.
    const boundary = "----curbscore-test-boundary";
    const head = Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="huge.csv"\r\ncontent-type: text/csv\r\n\r\n`);
    const chunk = Buffer.alloc(1024 * 1024, "1 Main St,Baltimore,MD\n");
    const chunks = [head, ...Array.from({ length: Math.ceil(maxUploadBytes / chunk.byteLength) + 4 }, () => chunk), Buffer.from(`\r\n--${boundary}--\r\n`)];

    const headers = { "content-type": `multipart/form-data; boundary=${boundary}`, "transfer-encoding": "chunked" };
    const { status, body } = await postOnOwnConnection(`${stack.appUrl}/api/uploads`, headers, chunks);
    const error = errorAnswer.parse(JSON.parse(body)).error;

    expect(status).toBe(413);
    expect(error.code).toBe("payload_too_large");
    expect(error.message).toContain(`"huge.csv" is larger than the ${Math.round(maxUploadBytes / (1024 * 1024))} MB limit`);
  });
});

describe("uploads in spreadsheet encodings", () => {
  const rows = ["Address,City,State,Notes", "12 Caf\u00e9 St,Baltimore,MD,corner", "715 N Fremont Ave,Baltimore,MD,M\u00fcller"];
  const text = `${rows.join("\r\n")}\r\n`;

  it.each([
    ["UTF-16 LE with BOM", Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, "utf-16le")]), "utf-16le"],
    ["UTF-16 BE with BOM", Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(text, "utf-16be")]), "utf-16be"],
    ["Windows-1252", iconv.encode(text, "windows-1252"), "windows-1252"],
  ])("%s decoded", async (_case, bytes, encoding) => {
    const response = await upload(bytes, "encoded.csv");
    expect(response.status).toBe(201);
    const { campaignId } = createdAnswer.parse(await response.json());

    const campaign = await db().query<{ columnMapping: { encoding: string } }>(`SELECT "columnMapping" FROM "Campaign" WHERE id = $1`, [campaignId]);
    expect(campaign.rows[0]?.columnMapping.encoding).toBe(encoding);
    const properties = await db().query<{ street: string; originalRow: string[] }>(
      `SELECT street, "originalRow" FROM "Property" WHERE "campaignId" = $1 ORDER BY "rowNumber"`,
      [campaignId],
    );
    expect(properties.rows.map((row) => row.street)).toEqual(["12 Caf\u00e9 St", "715 N Fremont Ave"]);
    expect(properties.rows[1]?.originalRow[3]).toBe("M\u00fcller");
  });

  it("UTF-8 stray byte names its row", async () => {
    const good = (number: number) => `${number} Caf\u00e9 St,Baltimore,MD,row ${number}\n`;
    const bytes = Buffer.concat([
      Buffer.from(`Address,City,State,Notes\n${[1, 2, 3, 4, 5, 6].map(good).join("")}`),
      Buffer.from("7 Main St,Baltimore,MD,bad "),
      Buffer.from([0xff]),
      Buffer.from(` byte\n${[8, 9].map(good).join("")}`),
    ]);
    const response = await upload(bytes, "stray-byte.csv");
    expect(response.status).toBe(201);
    const { campaignId, pageUrl } = createdAnswer.parse(await response.json());

    expect(await propertyCountOf(campaignId)).toBe(8);
    const invalidRows = await invalidRowsOf(campaignId);
    expect(invalidRows).toHaveLength(1);
    expect(invalidRows[0]?.rowNumber).toBe(7);
    expect(invalidRows[0]?.reason).toContain('unreadable characters in column "Notes"');

    const page = await (await fetch(new URL(new URL(pageUrl).pathname + new URL(pageUrl).search, stack.appUrl))).text();
    expect(page).toMatch(/<td>7<\/td><td>unreadable characters in column (&quot;|")Notes/);
  });

  it("UTF-16 lone surrogate names its row", async () => {
    const utf16 = (part: string) => iconv.encode(part, "utf-16le");
    const bytes = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      utf16("Address,City,State\r\n1 Main St,Baltimore,MD\r\n2 Main St,Baltimore,MD\r\n3 Main St,Balt"),
      Buffer.from([0x00, 0xd8]),
      utf16("imore,MD\r\n4 Main St,Baltimore,MD\r\n"),
    ]);
    const response = await upload(bytes, "surrogate.csv");
    expect(response.status).toBe(201);
    const { campaignId } = createdAnswer.parse(await response.json());

    expect(await propertyCountOf(campaignId)).toBe(3);
    const invalidRows = await invalidRowsOf(campaignId);
    expect(invalidRows.map((row) => row.rowNumber)).toEqual([3]);
    expect(invalidRows[0]?.reason).toContain('unreadable characters in column "City"');
    expect(invalidRows[0]?.reason).toContain("not valid UTF-16");
  });
});

describe("formula cells", () => {
  const formulas = ['=HYPERLINK("http://x","y")', "+cmd", "-1+2", "@SUM(A1)", "=1+2"];

  it("stored as text and neutralised in the export", async () => {
    const lines = formulas.map((formula, index) => `${index + 1} Main St,Baltimore,MD,"${formula.replace(/"/g, '""')}"`);
    const response = await upload(Buffer.from(`Address,City,State,Notes\n${lines.join("\n")}\n`), "formulas.csv");
    expect(response.status).toBe(201);
    const { campaignId, pageUrl } = createdAnswer.parse(await response.json());

    const stored = await db().query<{ originalRow: string[] }>(`SELECT "originalRow" FROM "Property" WHERE "campaignId" = $1 ORDER BY "rowNumber"`, [campaignId]);
    expect(stored.rows.map((row) => row.originalRow[3])).toEqual(formulas);

    const token = new URL(pageUrl).searchParams.get("t") ?? "";
    const exported = await fetch(`${stack.appUrl}/api/campaigns/${campaignId}/export?t=${encodeURIComponent(token)}`);
    expect(exported.status).toBe(200);
    const records = parse((await exported.text()).replace(/^\ufeff/, ""), { relax_column_count: true }) as string[][];
    const notesColumn = records[0]!.indexOf("Notes");
    expect(notesColumn).toBeGreaterThan(0);
    const notes = records.slice(1).map((record) => record[notesColumn]);
    expect(notes).toEqual(formulas.map((formula) => `'${formula}`));
    for (const record of records.slice(1)) {
      for (const cell of record) expect(cell, `export cell ${JSON.stringify(cell)}`).not.toMatch(/^[=+@\t\r]|^-(?!\d+(\.\d*)?$)/);
    }
  });
});

async function propertyCountOf(campaignId: string): Promise<number | undefined> {
  const result = await db().query<{ propertyCount: number }>(`SELECT "propertyCount" FROM "Campaign" WHERE id = $1`, [campaignId]);
  return result.rows[0]?.propertyCount;
}

async function invalidRowsOf(campaignId: string): Promise<Array<{ rowNumber: number; reason: string | null }>> {
  const result = await db().query<{ rowNumber: number; reason: string | null }>(
    `SELECT "rowNumber", reason FROM "ExcludedRow" WHERE "campaignId" = $1 AND kind = 'invalid' ORDER BY "rowNumber"`,
    [campaignId],
  );
  return result.rows;
}

/**
 * Posts `chunks` on a connection of its own. The server may respond and close the connection
 * before the body ends, and that must not break a pooled connection that a later request reuses.
 */
function postOnOwnConnection(
  url: string,
  headers: Record<string, string>,
  chunks: Buffer[],
  options: { keepOpen?: boolean } = {},
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    let responded = false;
    const request = http.request(url, { method: "POST", agent: false, headers }, (response) => {
      responded = true;
      const parts: Buffer[] = [];
      response.on("data", (part: Buffer) => parts.push(part));
      response.on("end", () => {
        if (options.keepOpen) request.destroy();
        resolve({ status: response.statusCode ?? 0, body: Buffer.concat(parts).toString("utf8") });
      });
      response.on("error", reject);
    });
    // Writing fails once the server stops reading, which is expected after it responds.
    request.on("error", (error) => {
      if (!responded) reject(error);
    });

    const writeNext = (index: number) => {
      if (responded || index === chunks.length) {
        // keepOpen leaves the body unfinished, so only a server that rejects early responds.
        if (!options.keepOpen) request.end();
        return;
      }
      if (request.write(chunks[index]!)) writeNext(index + 1);
      else request.once("drain", () => writeNext(index + 1));
    };
    writeNext(0);
  });
}

function upload(bytes: Buffer, fileName: string): Promise<Response> {
  const form = new FormData();
  form.set("file", new Blob([new Uint8Array(bytes)], { type: "text/csv" }), fileName);
  return fetch(`${stack.appUrl}/api/uploads`, { method: "POST", body: form });
}

/**
 * Runs `send` while sampling the resident memory of the process that serves the app's port
 * every 20 ms, and returns how far it rose above the level before the request. The kernel's
 * peak (VmHWM) is reset first where allowed, so a spike between samples is caught too.
 */
async function measureAppMemory(send: () => Promise<Response>): Promise<{ response: Response; growthBytes: number }> {
  const port = Number(new URL(stack.appUrl).port);
  const pid = findListeningPid(port);
  if (pid === null) throw new Error(`No process listens on port ${port}.`);
  const before = readStatusKilobytes(pid, "VmRSS");
  let peak = before;
  const peakWasReset = resetPeakRss(pid);

  const timer = setInterval(() => {
    peak = Math.max(peak, readStatusKilobytes(pid, "VmRSS"));
  }, 20);
  try {
    const response = await send();
    await response.clone().arrayBuffer();
    peak = Math.max(peak, readStatusKilobytes(pid, "VmRSS"), peakWasReset ? readStatusKilobytes(pid, "VmHWM") : 0);
    return { response, growthBytes: (peak - before) * 1024 };
  } finally {
    clearInterval(timer);
  }
}

function readStatusKilobytes(pid: number, field: "VmRSS" | "VmHWM"): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  if (!match) throw new Error(`/proc/${pid}/status has no ${field}`);
  return Number(match[1]);
}

/** Writing 5 to clear_refs resets VmHWM to the current RSS (Linux 4.0 and later); returns whether that was allowed. */
function resetPeakRss(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, "5");
    return true;
  } catch {
    return false;
  }
}
