// The floor of the server benchmark: a bare node:http server that reads each request's body
// and answers a fixed GetCallerIdentity document, no SigV4, no store, no log. What Warden
// costs over it is what Warden itself does per request. Usage: node bench/lib/bare-server.mjs PORT
import { Buffer } from 'node:buffer'
import { createServer } from 'node:http'
import process from 'node:process'

const body =
  '<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>' +
  '<Arn>arn:aws:iam::123456789012:user/bench</Arn><UserId>AIDAXXXXXXXXXXXXXXXXX</UserId><Account>123456789012</Account>' +
  '</GetCallerIdentityResult><ResponseMetadata><RequestId>01234567-89ab-cdef-0123-456789abcdef</RequestId></ResponseMetadata></GetCallerIdentityResponse>'
createServer((req, res) => {
  const chunks = []
  req.on('data', (c) => chunks.push(c))
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'text/xml', 'x-amzn-requestid': '01234567-89ab-cdef-0123-456789abcdef', 'content-length': Buffer.byteLength(body) })
    res.end(body)
  })
}).listen(Number(process.argv[2]), '127.0.0.1')
