const fs = require('fs'); const f = fs.readdirSync('.').find(x => x.endsWith('.cpuprofile'));
const p = JSON.parse(fs.readFileSync(f));
const self = new Map(); const dt = p.timeDeltas; const idToNode = new Map(p.nodes.map(n => [n.id, n]));
const counts = new Map(); p.samples.forEach((s, i) => counts.set(s, (counts.get(s) || 0) + (dt[i] || 0)));
for (const [id, t] of counts) { const n = idToNode.get(id); const k = n.callFrame.functionName + ' ' + n.callFrame.url.split('/').slice(-2).join('/') + ':' + n.callFrame.lineNumber; self.set(k, (self.get(k) || 0) + t); }
[...self].sort((a, b) => b[1] - a[1]).slice(0, 25).forEach(([k, t]) => console.log((t / 1000).toFixed(0).padStart(7), k));
