// Berth console: keeps the uptime, the cluster members and the host's instances current.
// Plain DOM, no libraries; every value goes in through textContent, never as HTML.
'use strict';
(() => {
  const POLL_MS = 2000;
  const byId = (id) => document.getElementById(id);

  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    Object.assign(node, props || {});
    for (const child of children) {
      if (child !== null && child !== undefined) node.append(child);
    }
    return node;
  }

  async function getJson(url) {
    const response = await fetch(url, { cache: 'no-store', headers: { Accept: 'application/json' } });
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    return response.json();
  }

  function formatUptime(seconds) {
    const d = Math.floor(seconds / 86400), h = Math.floor(seconds % 86400 / 3600);
    const m = Math.floor(seconds % 3600 / 60), s = Math.floor(seconds % 60);
    if (d > 0) return `${d}d ${h}h`;
    if (h > 0) return `${h}h ${m}m`;
    return m > 0 ? `${m}m ${s}s` : `${s}s`;
  }

  function tickUptime() {
    const started = Date.parse(document.body.dataset.startedAt);
    const target = byId('uptime-value');
    if (!Number.isNaN(started) && target) {
      target.textContent = formatUptime(Math.max(0, (Date.now() - started) / 1000));
    }
  }

  // Copy buttons: the clipboard API where the browser allows it, else select the text for Ctrl+C.
  document.addEventListener('click', async (event) => {
    const button = event.target.closest('button[data-copy]');
    if (!button) return;
    const source = byId(button.dataset.copy);
    try {
      await navigator.clipboard.writeText(source.textContent);
      button.textContent = 'Copied';
    } catch (denied) {
      const range = document.createRange();
      range.selectNodeContents(source);
      const selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      button.textContent = 'Press Ctrl+C';
    }
    setTimeout(() => { button.textContent = 'Copy'; }, 1500);
  });

  // The cluster: one row per member, keyed by host and offset; a member that leaves disappears.
  function memberPorts(table) {
    const list = el('div', { className: 'member-ports' });
    for (const port of (table && table.ports) || []) {
      if (port.enabled === false) continue;
      // Where clients dial it (its advertised address) when the member published one.
      list.append(el('span', {}, el('code', { textContent: port.id }), ` ${port.advertised || port.effective}`));
    }
    return list;
  }

  function renderCluster(cluster) {
    const status = byId('cluster-status');
    const wrap = byId('cluster-wrap');
    const body = byId('cluster-members');
    if (!cluster || cluster.enabled === false || !Array.isArray(cluster.members)) {
      status.textContent = 'Clustering is off.';
      wrap.hidden = true;
      body.replaceChildren();
      return;
    }
    const count = cluster.members.length;
    status.textContent = `${count} ${count === 1 ? 'member' : 'members'}, scheme ${cluster.scheme}`
      + (cluster.domain ? `, domain ${cluster.domain}` : '')
      + (cluster.search === 'alone' ? `. Degraded: none of its members (${(cluster.missing || []).join(', ')}) found; this member runs alone.` : '');
    wrap.hidden = false;
    const self = `${document.body.dataset.home}|${document.body.dataset.offset}`;
    const rows = cluster.members.map((member) => {
      const isSelf = `${member.home}|${member.offset}` === self;
      const row = el('tr', {},
        el('th', { scope: 'row' }, el('code', { textContent: member.home || '' }),
          isSelf ? el('span', { className: 'tag self', textContent: 'this instance' }) : null),
        el('td', { textContent: member.host }),
        el('td', { className: 'num', textContent: String(member.offset) }),
        el('td', {}, memberPorts(member.ports)));
      row.dataset.member = `${member.host}:${member.offset}`;
      return row;
    });
    body.replaceChildren(...rows);
  }

  // The instances on this host, from the table's data-source (/api/instances): each entry of its
  // "instances" array has the same fields as /api/instance. That route answers only the owner's own
  // console on a loopback bind; anywhere else (403 or 404) the table holds this instance alone.
  async function hostInstances() {
    const source = byId('host-instances').dataset.source;
    if (source) {
      try {
        const answer = await getJson(source);
        return Array.isArray(answer) ? answer : answer.instances;
      } catch (refused) {
        // fall through to this instance alone
      }
    }
    return [await getJson('/api/instance')];
  }

  // Each instance by the shortest end of its home that no other home on the host ends with: c1 alone,
  // a/c1 beside b/c1. The whole home is its tooltip.
  function distinctNames(instances) {
    const parts = instances.map((instance) => (instance.home || instance.name || '').split('/').filter(Boolean));
    return parts.map((mine, k) => {
      for (let n = 1; n <= mine.length; n++) {
        const tail = mine.slice(-n).join('/');
        if (parts.every((other, j) => j === k || other.slice(-n).join('/') !== tail)) return tail;
      }
      return instances[k].home || instances[k].name || '';
    });
  }

  function renderHost(instances) {
    const names = distinctNames(instances);
    const rows = instances.map((instance, k) => el('tr', {},
      el('th', { scope: 'row', title: instance.home || '' }, names[k]),
      // The product where the registry knows it, else nothing: never the state, which is another column's fact.
      el('td', { textContent: instance.product || '' }),
      el('td', { className: 'num', textContent: String(instance.offset) }),
      el('td', {}, instance.consoleUrl
        ? el('a', { href: instance.consoleUrl, textContent: instance.consoleUrl })
        : el('span', { textContent: 'starting' }))));
    byId('host-instances').tBodies[0].replaceChildren(...rows);
  }

  async function refresh() {
    const results = await Promise.allSettled([getJson('/api/cluster'), hostInstances()]);
    if (results[0].status === 'fulfilled') renderCluster(results[0].value);
    else byId('cluster-status').textContent = 'Cannot reach this instance; retrying…';
    if (results[1].status === 'fulfilled') renderHost(results[1].value);
  }

  async function poll() {
    try {
      await refresh();
    } finally {
      setTimeout(poll, POLL_MS);
    }
  }

  tickUptime();
  setInterval(tickUptime, 1000);
  poll();
})();
