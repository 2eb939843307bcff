// A payments connector in Node.js (standard library only), served over connsim's engine contract:
//   GET /profiles, POST /start {env}, POST /call {profile, method, args, kwargs}, POST /stop
// (docs/harness/http-contract.md). Grade it with:
//   node examples/node-payments/server.js --port 9000 &
//   connsim conformance --adapter-url http://127.0.0.1:9000 --remote server
'use strict';

const http = require('node:http');
const { PaymentsService } = require('./payments');

const PROFILES = ['payments'];
let service = null;

function answer(res, status, body) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

async function readJson(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? JSON.parse(text) : {};
}

async function call(body) {
  if (!service) return [409, { error: { type: 'ValueError', message: 'POST /start first' } }];
  if (!PROFILES.includes(body.profile)) {
    return [400, { error: { type: 'ValueError', message: `profile ${body.profile} is not implemented` } }];
  }
  const method = service[body.method];
  if (typeof method !== 'function' || String(body.method).startsWith('_') || body.method === 'constructor') {
    return [400, { error: { type: 'ValueError', message: `no method ${body.method} in ${body.profile}` } }];
  }
  const kwargs = body.kwargs || {};
  const args = [...(body.args || [])];
  if ('include_hidden' in kwargs) args[0] = kwargs.include_hidden; // the one keyword argument the steps pass
  try {
    const result = await method.apply(service, args);
    return [200, { result: result === undefined ? null : result }];
  } catch (err) {
    // refusals the user sees and unknown records are contract errors; anything else is our defect
    return [200, { error: { type: err.contractType || err.constructor.name, message: err.message } }];
  }
}

const server = http.createServer(async (req, res) => {
  try {
    if (req.method === 'GET' && req.url === '/profiles') return answer(res, 200, { profiles: PROFILES });
    if (req.method !== 'POST') return answer(res, 404, { error: { type: 'ValueError', message: 'not found' } });
    const body = await readJson(req);
    if (req.url === '/start') {
      service = new PaymentsService(body.env);
      return answer(res, 200, { result: { started: true } });
    }
    if (req.url === '/stop') {
      service = null;
      return answer(res, 200, { result: { stopped: true } });
    }
    if (req.url === '/call') {
      const [status, payload] = await call(body);
      return answer(res, status, payload);
    }
    return answer(res, 404, { error: { type: 'ValueError', message: `no route ${req.url}` } });
  } catch (err) {
    return answer(res, 500, { error: { type: 'InternalError', message: String(err && err.stack || err) } });
  }
});

const portFlag = process.argv.indexOf('--port');
const port = portFlag > 0 ? Number(process.argv[portFlag + 1]) : 9000;
server.listen(port, '127.0.0.1', () => {
  console.log(`node payments connector listening on http://127.0.0.1:${port}`);
});
