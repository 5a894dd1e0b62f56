// A strict multipart/form-data reader for the stand-ins: bytes stay bytes, so an uploaded PNG arrives whole.

export type FormPart = { name: string; filename?: string; contentType?: string; data: Buffer };

function boundaryOf(contentType: string): string {
  const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  const boundary = m?.[1] ?? m?.[2];
  if (!boundary) throw new Error(`multipart: no boundary in ${contentType}`);
  return boundary;
}

function partOf(raw: Buffer): FormPart {
  const split = raw.indexOf('\r\n\r\n');
  if (split < 0) throw new Error('multipart: a part has no header end');
  const headers = raw.subarray(0, split).toString('utf8').split('\r\n');
  const disposition = headers.find((h) => /^content-disposition:/i.test(h)) ?? '';
  const name = /\bname="([^"]*)"/.exec(disposition)?.[1];
  if (name === undefined) throw new Error(`multipart: a part has no name (${disposition})`);
  const filename = /\bfilename="([^"]*)"/.exec(disposition)?.[1];
  const contentType = headers.find((h) => /^content-type:/i.test(h))?.replace(/^content-type:\s*/i, '');
  return {
    name,
    ...(filename === undefined ? {} : { filename }),
    ...(contentType === undefined ? {} : { contentType }),
    data: raw.subarray(split + 4),
  };
}

/** The parts of a multipart/form-data body; throws on anything malformed, as a real server would refuse it. */
export function parseMultipart(body: Buffer, contentType: string): FormPart[] {
  const delimiter = Buffer.from(`--${boundaryOf(contentType)}`);
  const parts: FormPart[] = [];
  let at = body.indexOf(delimiter);
  if (at < 0) throw new Error('multipart: no opening boundary');
  for (;;) {
    const start = at + delimiter.length;
    if (body.subarray(start, start + 2).toString() === '--') return parts;
    const next = body.indexOf(delimiter, start);
    if (next < 0) throw new Error('multipart: no closing boundary');
    // Each part sits between "\r\n" after one boundary and "\r\n" before the next.
    parts.push(partOf(body.subarray(start + 2, next - 2)));
    at = next;
  }
}
