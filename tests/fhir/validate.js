// validate.js: FHIR R4 Bundles (a JSON file, or ndjson: one Bundle a line)
// checked against the FHIR R4 base definitions: each Bundle and every
// resource in it by the npm registry's `fhir` package (structure, types,
// cardinality, unexpected elements, required bindings), installed by
// scripts/npm-deps.sh into var/npm. That package does not look at the
// values of primitives, so this script also walks each resource along the
// package's own parsed definitions and checks every primitive against the
// regular expression FHIR R4 gives its type (datatypes.html).
//
//   node tests/fhir/validate.js FILE
// prints one JSON line {"bundles": N, "resources": N, "errors": [...],
// "warnings": N}; exits 0 when there are no errors, 1 otherwise.
'use strict';
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..', '..');
const { Fhir } = require(path.join(root, 'var', 'npm', 'node_modules', 'fhir'));
const fhir = new Fhir();	// FHIR R4 (4.0.x) is the package's default
const defs = fhir.parser.parsedStructureDefinitions;

// FHIR R4 primitive types and the regular expressions the spec gives them.
const YEAR = '([0-9]([0-9]([0-9][1-9]|[1-9]0)|[1-9]00)|[1-9]000)';
const TZ = '(Z|(\\+|-)((0[0-9]|1[0-3]):[0-5][0-9]|14:00))';
const TIME = '([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\\.[0-9]+)?';
const PRIMITIVE = {
	id: /^[A-Za-z0-9\-.]{1,64}$/,
	date: new RegExp(`^${YEAR}(-(0[1-9]|1[0-2])(-(0[1-9]|[1-2][0-9]|3[0-1]))?)?$`),
	dateTime: new RegExp(`^${YEAR}(-(0[1-9]|1[0-2])(-(0[1-9]|[1-2][0-9]|3[0-1])` +
	    `(T${TIME}${TZ})?)?)?$`),
	instant: new RegExp(`^${YEAR}-(0[1-9]|1[0-2])-(0[1-9]|[1-2][0-9]|3[0-1])T${TIME}${TZ}$`),
	time: new RegExp(`^${TIME}$`),
	code: /^[^\s]+(\s[^\s]+)*$/,
	uri: /^\S*$/,
	url: /^\S*$/,
	canonical: /^\S*$/,
	oid: /^urn:oid:[0-2](\.(0|[1-9][0-9]*))+$/,
	uuid: /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
	string: /^[\s\S]*\S[\s\S]*$/,	// never empty or only white space
	markdown: /^[\s\S]*\S[\s\S]*$/,
	base64Binary: /^(\s*([0-9a-zA-Z+/=]){4}\s*)+$/,
};
const NUMBER = {
	decimal: (v) => typeof v === 'number' && isFinite(v),
	integer: (v) => Number.isInteger(v) && v >= -2147483648 && v <= 2147483647,
	unsignedInt: (v) => Number.isInteger(v) && v >= 0 && v <= 2147483647,
	positiveInt: (v) => Number.isInteger(v) && v >= 1 && v <= 2147483647,
	boolean: (v) => typeof v === 'boolean',
};

// Checks the primitives of value v of type type at path p into errs.
function walk(type, props, v, p, errs) {
	if (Array.isArray(v)) {
		v.forEach((x, i) => walk(type, props, x, `${p}[${i}]`, errs));
		return;
	}
	if (type === 'Resource' && v && typeof v === 'object') {
		type = v.resourceType;
		props = null;
	}
	if (type === 'xhtml' || type === 'Element')
		return;
	if (NUMBER[type]) {
		if (!NUMBER[type](v))
			errs.push(`${p}: not a FHIR ${type}: ${JSON.stringify(v)}`);
		return;
	}
	if (PRIMITIVE[type]) {
		if (typeof v !== 'string' || !PRIMITIVE[type].test(v))
			errs.push(`${p}: not a FHIR ${type}: ${JSON.stringify(v)}`);
		return;
	}
	if (v === null || typeof v !== 'object') {
		errs.push(`${p}: ${type} expects an object`);
		return;
	}
	const list = props || (defs[type] && defs[type]._properties);
	if (!list)
		return;	// a type the package does not define: its validator said so
	for (const [k, x] of Object.entries(v)) {
		if (k === 'resourceType')
			continue;
		const d = list.find((e) => e._name === k);
		if (!d)
			continue;	// unexpected elements: the package reports them
		const inner = (d._type === 'BackboneElement' || d._type === 'Element') &&
		    d._properties && d._properties.length ? d._properties : null;
		walk(d._type, inner, x, `${p}.${k}`, errs);
	}
}

function check(resource, where, out) {
	const r = fhir.validate(resource, { errorOnUnexpected: true });
	for (const m of r.messages) {
		if (m.severity === 'error')
			out.errors.push(`${where}: ${m.location}: ${m.message}`);
		else if (m.severity === 'warning')
			out.warnings++;
	}
	const errs = [];
	walk(resource.resourceType, null, resource, resource.resourceType, errs);
	for (const e of errs)
		out.errors.push(`${where}: ${e}`);
}

const text = fs.readFileSync(process.argv[2], 'utf8');
const out = { bundles: 0, resources: 0, errors: [], warnings: 0 };
let lines;
try {	// one Bundle, however laid out; else ndjson
	JSON.parse(text);
	lines = [text.replace(/\n/g, ' ')];
} catch (e) {
	lines = text.split('\n');
}
for (const [n, line] of lines.entries()) {
	if (!line.trim())
		continue;
	let b;
	try {
		b = JSON.parse(line);
	} catch (e) {
		out.errors.push(`line ${n + 1}: not JSON: ${e.message}`);
		continue;
	}
	out.bundles++;
	// The Bundle whole (its entries' resources too), then each resource apart.
	const f = fhir.validate(b, { errorOnUnexpected: true });
	for (const m of f.messages)
		if (m.severity === 'error')
			out.errors.push(`bundle ${out.bundles}: ${m.location}: ${m.message}`);
	for (const e of b.entry || []) {
		out.resources++;
		check(e.resource, `bundle ${out.bundles} ${e.fullUrl}`, out);
	}
}
process.stdout.write(JSON.stringify(out) + '\n');
process.exit(out.errors.length ? 1 : 0);
