// A real SMTP server on loopback for Portico's tests (nodemailer's smtp-server from npm).
// It accepts every message and writes it, raw, to DIR/<time>-<n>.eml (renamed into place only
// when complete, so a reader never sees half a file).
//   node smtp-sink.mjs DIR [PORT]    prints "listening PORT" once it accepts connections
import { SMTPServer } from 'smtp-server';
import fs from 'node:fs';
import path from 'node:path';

const [dir, portArg] = process.argv.slice(2);
if (!dir) {
  console.error('usage: node smtp-sink.mjs DIR [PORT]');
  process.exit(2);
}
fs.mkdirSync(dir, { recursive: true });
let count = 0;
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  onData(stream, _session, callback) {
    const chunks = [];
    stream.on('data', (chunk) => chunks.push(chunk));
    stream.on('end', () => {
      const file = path.join(dir, `${Date.now()}-${++count}.eml`);
      fs.writeFileSync(`${file}.part`, Buffer.concat(chunks));
      fs.renameSync(`${file}.part`, file);
      callback();
    });
  },
});
server.listen(Number(portArg || 0), '127.0.0.1', () => {
  console.log(`listening ${server.server.address().port}`);
});
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
