// The API reference as one self-contained page, rendered from the OpenAPI document (no scripts, no CDN).
import type { JsonSchema } from '@valibot/to-json-schema';
import type { OpenApiDocument, OperationObject, ParameterObject, ResponseObject } from './document';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

/** The descriptions' bit of Markdown: paragraphs, `code` and **bold**. */
const inline = (text: string) =>
  escapeHtml(text)
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>');
const prose = (text = '') =>
  text
    .split(/\n{2,}/)
    .filter(Boolean)
    .map((paragraph) => `<p>${inline(paragraph)}</p>`)
    .join('');

const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, '-');

/** A schema as indented JSON; references become links to the named shapes at the end. */
function schemaBlock(schema: JsonSchema): string {
  const json = escapeHtml(JSON.stringify(schema, null, 2));
  // Long schemas scroll sideways: tabindex lets keyboard users reach and scroll them.
  return `<pre tabindex="0">${json.replace(/&#34;#\/components\/schemas\/(\w+)&#34;/g, (_match, name: string) => `"<a href="#schema-${name}">${name}</a>"`)}</pre>`;
}

function schemaSummary(schema: JsonSchema): string {
  const facts = schema as Record<string, unknown>;
  const options = Array.isArray(facts.enum) ? facts.enum : undefined;
  // Long lists (the country codes) are named by their count; the document has them all.
  const parts = [options ? (options.length > 12 ? `${options.slice(0, 6).join(' | ')} | … (${options.length} values)` : options.join(' | ')) : String(facts.type ?? 'any')];
  if (typeof facts.pattern === 'string') parts.push(`pattern ${facts.pattern}`);
  if (typeof facts.maxLength === 'number') parts.push(`at most ${facts.maxLength} characters`);
  if (facts.default !== undefined) parts.push(`default ${JSON.stringify(facts.default)}`);
  return escapeHtml(parts.join(', '));
}

function parameterTable(parameters: ParameterObject[]): string {
  const described = parameters.some((parameter) => parameter.description);
  const rows = parameters.map(
    (parameter) =>
      `<tr><td><code>${escapeHtml(parameter.name)}</code></td><td>${parameter.in}</td><td>${parameter.required ? 'required' : 'optional'}</td><td>${schemaSummary(parameter.schema)}</td>${described ? `<td>${inline(parameter.description ?? '')}</td>` : ''}</tr>`,
  );
  return `<h4>Parameters</h4><table><thead><tr><th>name</th><th>in</th><th></th><th>schema</th>${described ? '<th>description</th>' : ''}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function responseList(responses: Record<string, ResponseObject>): string {
  const items = Object.entries(responses).map(([status, response]) => {
    const kind = Number(status) < 400 ? 'success' : 'error';
    const content = Object.entries(response.content ?? {});
    const body =
      kind === 'error'
        ? ' <a href="#schema-ApiError">ApiError</a>'
        : content.map(([type, media]) => (media.schema ? schemaBlock(media.schema) : ` <code>${escapeHtml(type)}</code>`)).join('');
    const headers = Object.keys(response.headers ?? {})
      .map((name) => ` <span class="header">${escapeHtml(name)}</span>`)
      .join('');
    return `<li class="${kind}"><span class="status">${status}</span> ${inline(response.description)}${headers}${body}</li>`;
  });
  return `<h4>Responses</h4><ul class="responses">${items.join('')}</ul>`;
}

function operationArticle(method: string, path: string, operation: OperationObject): string {
  const permission = operation['x-permission'] ? `<span class="permission">${escapeHtml(operation['x-permission'])}</span>` : '';
  return `<article id="${escapeHtml(operation.operationId)}">
<h3><span class="method ${method}">${method.toUpperCase()}</span> <code>${escapeHtml(path)}</code> ${permission}</h3>
<p class="summary">${escapeHtml(operation.summary)}</p>${prose(operation.description)}
${operation.parameters ? parameterTable(operation.parameters) : ''}
${operation.requestBody ? `<h4>Request body <code>application/json</code></h4>${schemaBlock(operation.requestBody.content['application/json'].schema)}` : ''}
${responseList(operation.responses)}
</article>`;
}

const styles = `
body { font: 15px/1.5 system-ui, sans-serif; color: #1d2430; margin: 0; display: grid; grid-template-columns: 16rem 1fr; }
nav { position: sticky; top: 0; height: 100vh; overflow: auto; padding: 1rem; background: #f3f5f8; border-right: 1px solid #dde2ea; box-sizing: border-box; }
nav ul { list-style: none; padding: 0; margin: 0; } nav li { margin: .2rem 0; } nav a { color: #1d4ed8; text-decoration: none; }
main { padding: 1.5rem 2rem; max-width: 60rem; }
h1 { margin-top: 0; } h2 { border-bottom: 2px solid #dde2ea; padding-bottom: .3rem; margin-top: 2.5rem; }
article { border: 1px solid #dde2ea; border-radius: 6px; padding: .2rem 1rem .8rem; margin: 1rem 0; }
h3 { font-size: 1rem; display: flex; gap: .5rem; align-items: center; flex-wrap: wrap; } h4 { margin: .8rem 0 .3rem; font-size: .9rem; }
.method { font: 700 .75rem monospace; padding: .15rem .45rem; border-radius: 4px; color: #fff; background: #4b5563; }
.method.get { background: #2563eb; } .method.post { background: #15803d; } .method.patch, .method.put { background: #b45309; } .method.delete { background: #b91c1c; }
.permission { font: .75rem monospace; padding: .1rem .4rem; border: 1px solid #94a3b8; border-radius: 4px; color: #334155; }
.summary { font-weight: 600; margin: .2rem 0; }
code { font-size: .85em; background: #f1f3f6; padding: 0 .2rem; border-radius: 3px; }
pre { background: #f6f8fa; border: 1px solid #e3e7ee; padding: .6rem; overflow: auto; font-size: .8rem; max-height: 24rem; }
table { border-collapse: collapse; font-size: .85rem; } td, th { border: 1px solid #e3e7ee; padding: .2rem .5rem; text-align: left; vertical-align: top; }
.responses { list-style: none; padding: 0; } .responses li { margin: .3rem 0; }
.status { font: 700 .8rem monospace; padding: .1rem .35rem; border-radius: 4px; } .success .status { background: #dcfce7; } .error .status { background: #fee2e2; }
.header { font: .75rem monospace; color: #475569; }
`;

/** The page: the introduction, then the operations tag by tag, then the named shapes they refer to. */
export function docsPage(document: OpenApiDocument, nonce: string): string {
  const byTag = new Map(document.tags.map((tag) => [tag.name, [] as string[]]));
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(methods)) byTag.get(operation.tags[0]!)?.push(operationArticle(method, path, operation));
  }
  const sections = document.tags.map(
    (tag) => `<section id="tag-${slug(tag.name)}"><h2>${escapeHtml(tag.name)}</h2>${prose(tag.description)}${byTag.get(tag.name)!.join('')}</section>`,
  );
  const schemas = Object.entries(document.components.schemas).map(([name, schema]) => `<h3 id="schema-${name}">${name}</h3>${schemaBlock(schema)}`);
  const contents = document.tags.map((tag) => `<li><a href="#tag-${slug(tag.name)}">${escapeHtml(tag.name)}</a> (${byTag.get(tag.name)!.length})</li>`);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(document.info.title)} reference</title><style nonce="${escapeHtml(nonce)}">${styles}</style></head>
<body><nav><strong>${escapeHtml(document.info.title)}</strong><ul>${contents.join('')}<li><a href="#schemas">Schemas</a></li></ul></nav>
<main><h1>${escapeHtml(document.info.title)} reference</h1>
<p>Machine-readable: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a> (OpenAPI ${document.openapi}).</p>
${prose(document.info.description)}
${sections.join('\n')}
<section id="schemas"><h2>Schemas</h2>${schemas.join('\n')}</section>
</main></body></html>`;
}
