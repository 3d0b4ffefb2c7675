// ns and heap bytes per record id: the build's newRecordId against two ways of writing the uuid string in one allocation (node bench/experiments/record-ids.js [build]).
const { newRecordId } = require(require('node:path').resolve(process.argv[2] ?? 'dist', 'src/ids.js'));
const { randomFillSync } = require('node:crypto');
const { v7 } = require('uuid');
// variant: reuse byte buffer, stringify via String.fromCharCode
const HEX = new Uint8Array(512); for (let i=0;i<256;i++){const h=(i+0x100).toString(16).slice(1);HEX[2*i]=h.charCodeAt(0);HEX[2*i+1]=h.charCodeAt(1);}
const POOL=4096; const pool=new Uint8Array(POOL); let at=POOL;
const bytes = new Uint8Array(16);
const opts = { random: pool, msecs: 0, seq: 0 };
let lastMsecs=-Infinity, seq=0;
const ch = new Uint16Array(36);
function idB(){
  if (at+16>POOL){randomFillSync(pool);at=0;}
  const random = pool.subarray(at, at+16); at+=16;
  const now=Date.now();
  if(now>lastMsecs){seq=(random[6]<<23)|(random[7]<<16)|(random[8]<<8)|random[9];lastMsecs=now;} else {seq=(seq+1)|0; if(seq===0)lastMsecs++;}
  v7({random, msecs:lastMsecs, seq}, bytes, 0);
  const b=bytes; const h=(i)=>0;
  return String.fromCharCode(
    HEX[2*b[0]],HEX[2*b[0]+1],HEX[2*b[1]],HEX[2*b[1]+1],HEX[2*b[2]],HEX[2*b[2]+1],HEX[2*b[3]],HEX[2*b[3]+1],45,
    HEX[2*b[4]],HEX[2*b[4]+1],HEX[2*b[5]],HEX[2*b[5]+1],45,
    HEX[2*b[6]],HEX[2*b[6]+1],HEX[2*b[7]],HEX[2*b[7]+1],45,
    HEX[2*b[8]],HEX[2*b[8]+1],HEX[2*b[9]],HEX[2*b[9]+1],45,
    HEX[2*b[10]],HEX[2*b[10]+1],HEX[2*b[11]],HEX[2*b[11]+1],HEX[2*b[12]],HEX[2*b[12]+1],HEX[2*b[13]],HEX[2*b[13]+1],HEX[2*b[14]],HEX[2*b[14]+1],HEX[2*b[15]],HEX[2*b[15]+1]);
}
const scratch = Buffer.alloc(36, 45);
function idC(){
  if (at+16>POOL){randomFillSync(pool);at=0;}
  const random = pool.subarray(at, at+16); at+=16;
  const now=Date.now();
  if(now>lastMsecs){seq=(random[6]<<23)|(random[7]<<16)|(random[8]<<8)|random[9];lastMsecs=now;} else {seq=(seq+1)|0; if(seq===0)lastMsecs++;}
  v7({random, msecs:lastMsecs, seq}, bytes, 0);
  let o=0;
  for(let i=0;i<16;i++){ if(i===4||i===6||i===8||i===10) o++; scratch[o++]=HEX[2*bytes[i]]; scratch[o++]=HEX[2*bytes[i]+1]; }
  return scratch.latin1Slice(0,36);
}
for (const [name,f] of [['current',newRecordId],['fromCharCode',idB],['latin1',idC],['current',newRecordId],['fromCharCode',idB],['latin1',idC]]) {
  for (let i=0;i<2e5;i++) f();
  const a=f(); if(!/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(a)) throw new Error(name+' '+a);
  const m0=process.memoryUsage().heapUsed; const t=process.hrtime.bigint(); let x;
  for (let i=0;i<1e6;i++) x=f();
  const ns=Number(process.hrtime.bigint()-t)/1e6;
  console.log(name, ns.toFixed(0),'ns/id', x);
}
