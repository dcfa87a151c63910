// AML Warden Ops dashboard. Calls only the public API (/api/v1) with the user's own bearer
// token: an Entra ID access token obtained with the authorization code flow and PKCE (the
// same public client as Swagger UI), or a pasted token. The token is kept in this tab's
// sessionStorage only. No inline script: the Content-Security-Policy allows only 'self'.
(function () {
	'use strict';

	var API = '../api/v1';
	var TOKEN = 'aml-warden.dashboard.token';
	var PKCE = 'aml-warden.dashboard.pkce';
	var SEVERITIES = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'];
	var SEVERITY_COLOURS = { CRITICAL: '#a4161a', HIGH: '#c2410c', MEDIUM: '#8a6d00', LOW: '#0b5cad', ALL: '#1b1f24' };
	var SERIES_COLOURS = ['#0b5cad', '#a4161a', '#1e6b34', '#6b3fa0', '#8a4b00', '#00708a', '#4a5360'];
	var SWAGGER = '../swagger-ui/index.html#/';
	var DAY = 86400;

	var signIn = null;
	var charts = [];

	function $(id) {
		return document.getElementById(id);
	}

	function status(text) {
		$('status').textContent = text;
	}

	function element(tag, attributes, children) {
		var node = document.createElement(tag);
		Object.keys(attributes || {}).forEach(function (name) {
			if (name === 'text') {
				node.textContent = attributes[name];
			}
			else {
				node.setAttribute(name, attributes[name]);
			}
		});
		(children || []).forEach(function (child) {
			node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
		});
		return node;
	}

	function clear(node) {
		while (node.firstChild) {
			node.removeChild(node.firstChild);
		}
		return node;
	}

	function day(iso) {
		return iso ? iso.substring(0, 10) : '';
	}

	function minute(iso) {
		return iso ? iso.substring(0, 16).replace('T', ' ') : '';
	}

	function shortId(armId) {
		if (!armId) {
			return '';
		}
		var parts = armId.split('/');
		return parts[parts.length - 1];
	}

	// --- API -------------------------------------------------------------------------

	function Unauthorized(message) {
		this.message = message;
	}

	function api(path) {
		var token = sessionStorage.getItem(TOKEN);
		if (!token) {
			return Promise.reject(new Unauthorized('Sign in to see the dashboard.'));
		}
		return fetch(API + path, { headers: { Authorization: 'Bearer ' + token, Accept: 'application/json' } })
			.then(function (response) {
				if (response.status === 401) {
					throw new Unauthorized('Your token was not accepted (missing, expired or not issued for this API). Sign in again.');
				}
				if (response.status === 403) {
					throw new Error('Your token has no Warden role that may read this (needs Warden.Reader).');
				}
				if (!response.ok) {
					return response.json().then(function (problem) {
						throw new Error((problem && problem.detail) || ('HTTP ' + response.status + ' on ' + path));
					}, function () {
						throw new Error('HTTP ' + response.status + ' on ' + path);
					});
				}
				return response.json();
			});
	}

	// --- Sign-in: authorization code + PKCE against Entra, or a pasted token -----------

	function base64Url(bytes) {
		var text = '';
		new Uint8Array(bytes).forEach(function (b) {
			text += String.fromCharCode(b);
		});
		return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
	}

	function randomString() {
		var bytes = new Uint8Array(32);
		crypto.getRandomValues(bytes);
		return base64Url(bytes);
	}

	function redirectUri() {
		return location.origin + location.pathname;
	}

	function startEntraSignIn() {
		var verifier = randomString();
		var state = randomString();
		crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)).then(function (digest) {
			sessionStorage.setItem(PKCE, JSON.stringify({ verifier: verifier, state: state }));
			var query = new URLSearchParams({
				client_id: signIn.clientId,
				response_type: 'code',
				redirect_uri: redirectUri(),
				scope: signIn.scope,
				code_challenge: base64Url(digest),
				code_challenge_method: 'S256',
				state: state
			});
			location.assign(signIn.authorizationUrl + '?' + query.toString());
		});
	}

	// Back from Entra with ?code&state: redeem the code with the verifier of this tab.
	function finishEntraSignIn() {
		var params = new URLSearchParams(location.search);
		if (!params.has('code') && !params.has('error')) {
			return Promise.resolve();
		}
		history.replaceState(null, '', location.pathname);
		var pending = JSON.parse(sessionStorage.getItem(PKCE) || 'null');
		sessionStorage.removeItem(PKCE);
		if (params.has('error')) {
			return Promise.reject(new Unauthorized('Entra ID sign-in failed: ' + (params.get('error_description') || params.get('error'))));
		}
		if (!pending || pending.state !== params.get('state') || !signIn || !signIn.clientId) {
			return Promise.reject(new Unauthorized('The sign-in answer did not match this tab; sign in again.'));
		}
		var body = new URLSearchParams({
			grant_type: 'authorization_code',
			client_id: signIn.clientId,
			code: params.get('code'),
			redirect_uri: redirectUri(),
			code_verifier: pending.verifier
		});
		return fetch(signIn.tokenUrl, { method: 'POST', body: body }).then(function (response) {
			return response.json().then(function (answer) {
				if (!response.ok || !answer.access_token) {
					throw new Unauthorized('Entra ID did not issue a token: ' + (answer.error_description || answer.error || response.status));
				}
				sessionStorage.setItem(TOKEN, answer.access_token);
			});
		});
	}

	function loadSignInSettings() {
		return fetch('sign-in.json', { headers: { Accept: 'application/json' } })
			.then(function (response) {
				return response.ok ? response.json() : {};
			})
			.catch(function () {
				return {};
			})
			.then(function (settings) {
				signIn = settings;
			});
	}

	// The local launcher (test code, never in the jar) serves its reader token next to the
	// page; the service itself has no such file. Asked only when no Entra client is
	// configured, i.e. never in a production deployment.
	function prefillToken() {
		if (signIn.clientId || $('token-input').value) {
			return;
		}
		fetch('launcher-token.json', { headers: { Accept: 'application/json' } })
			.then(function (response) {
				return response.ok ? response.json() : null;
			})
			.then(function (launcher) {
				if (launcher && launcher.token && !$('token-input').value) {
					$('token-input').value = launcher.token;
					$('token-hint').hidden = false;
				}
			})
			.catch(function () {
				// not the local launcher
			});
	}

	function showSignIn(reason) {
		sessionStorage.removeItem(TOKEN);
		$('dashboard').hidden = true;
		$('refresh').hidden = true;
		$('sign-out').hidden = true;
		$('sign-in').hidden = false;
		$('sign-in-reason').textContent = reason || '';
		$('entra-block').hidden = !(signIn && signIn.clientId);
		status('Not signed in.');
		prefillToken();
		($('entra-block').hidden ? $('token-input') : $('sign-in-entra')).focus();
	}

	// --- Rendering ---------------------------------------------------------------------

	function tile(id, label, value, tone) {
		return element('li', { class: 'tile' + (tone && value > 0 ? ' ' + tone : ''), 'data-tile': id }, [
			element('span', { class: 'tile-value', text: String(value) }),
			element('span', { class: 'tile-label', text: label })
		]);
	}

	function countOf(list, key, name) {
		var match = (list || []).filter(function (entry) {
			return entry[key] === name;
		})[0];
		return match ? match.count : 0;
	}

	function renderTiles(overview) {
		var f = overview.findings;
		var w = overview.waiting;
		var waiting = w.suppressionsAwaitingApproval + w.rotationsAwaitingApproval + w.reviewItemsUndecided;
		var lowest = (overview.workspaces.lowest || [])[0];
		var failedScans = (overview.scans || []).filter(function (s) {
			return s.lastFailed && (!s.lastSucceeded || s.lastFailed.finishedAt > s.lastSucceeded.finishedAt);
		}).length;
		var tiles = clear($('tiles'));
		[
			tile('findings-open', 'Open findings', f.open),
			tile('findings-critical', 'Critical', countOf(f.bySeverity, 'severity', 'CRITICAL'), 'bad'),
			tile('findings-high', 'High', countOf(f.bySeverity, 'severity', 'HIGH'), 'warn'),
			tile('workspaces', 'Workspaces', overview.workspaces.total),
			tile('lowest-score', 'Lowest score' + (lowest ? ' (' + lowest.name + ')' : ''), lowest ? lowest.score : '–'),
			tile('keys-expiring-30', 'Keys expiring within 30 days', overview.keys.expiringWithin30Days, 'warn'),
			tile('keys-overdue', 'Keys overdue for rotation', overview.keys.overdueForRotation, 'bad'),
			tile('waiting', 'Waiting for people', waiting, 'warn'),
			tile('failing-scans', 'Subscriptions whose last scan failed', failedScans, 'bad')
		].forEach(function (node) {
			tiles.appendChild(node);
		});
	}

	function swaggerLink(tag, operationId, text) {
		return element('a', { href: SWAGGER + tag.replace(/\s/g, '_') + '/' + operationId, text: text });
	}

	function renderWaiting(waiting) {
		var list = clear($('waiting'));
		var entries = [
			[waiting.suppressionsAwaitingApproval, 'suppressions awaiting approval', 'Findings', 'approveSuppression'],
			[waiting.rotationsAwaitingApproval, 'rotations awaiting approval', 'Rotation', 'approveRotation'],
			[waiting.reviewItemsUndecided, 'access-review items undecided', 'Access reviews', 'decideReviewItem'],
			[waiting.reviewsClosingWithin2Days, 'access reviews closing within 2 days', 'Access reviews', 'listReviewInstances']
		];
		entries.forEach(function (entry) {
			list.appendChild(element('li', { 'data-waiting': entry[3] }, [
				element('strong', { text: String(entry[0]) }), ' ' + entry[1] + ' — ',
				swaggerLink(entry[2], entry[3], 'open ' + entry[3] + ' in Swagger UI')
			]));
		});
	}

	// A single day still gets a readable axis: a day either side.
	function dayRange(u, min, max) {
		return (min === max || min === null) ? [min - DAY, max + DAY] : [min, max];
	}

	function chart(container, title, series, data, yLabel, yRange) {
		var width = Math.max(container.clientWidth, 320);
		var plot = new uPlot({
			title: title,
			width: width,
			height: 260,
			scales: { x: { time: true, range: dayRange }, y: yRange ? { range: yRange } : {} },
			axes: [{}, { label: yLabel }],
			series: [{ label: 'Time' }].concat(series.map(function (s, i) {
				return {
					label: s.label,
					stroke: s.colour || SERIES_COLOURS[i % SERIES_COLOURS.length],
					width: 2,
					// Per-scan series are joined across other series' scan times; bucketed
					// series keep a missing bucket as a visible break.
					spanGaps: !!s.spanGaps,
					points: { show: true, size: 6 }
				};
			}))
		}, data, clear(container));
		charts.push(plot);
		return plot;
	}

	// x values shared by every series; a series without a value at an x shows a gap.
	function align(seriesPoints) {
		var xs = [];
		seriesPoints.forEach(function (points) {
			points.forEach(function (p) {
				if (xs.indexOf(p.x) < 0) {
					xs.push(p.x);
				}
			});
		});
		xs.sort(function (a, b) {
			return a - b;
		});
		return [xs].concat(seriesPoints.map(function (points) {
			return xs.map(function (x) {
				var match = points.filter(function (p) {
					return p.x === x;
				})[0];
				return match ? match.y : null;
			});
		}));
	}

	function seconds(iso) {
		return Math.floor(Date.parse(iso) / 1000);
	}

	function renderPostureTrend(trend) {
		var bySubscription = (trend.series || []).filter(function (s) {
			return s.subscriptionId;
		});
		var rows = clear($('posture-table').tBodies[0]);
		var series = bySubscription.map(function (s) {
			var points = (s.points || []).filter(function (p) {
				return p.score !== null && p.score !== undefined && !p.gap;
			});
			points.forEach(function (p) {
				rows.appendChild(element('tr', { 'data-scan': p.scanId || '' }, [
					element('td', { text: s.subscriptionId }), element('td', { text: minute(p.bucketStart) }),
					element('td', { text: p.scanId || '' }), element('td', { text: String(p.score) }),
					element('td', { text: p.partial ? 'partial' : '' })
				]));
			});
			// One point per scan (bucket=scan), so two scans on one day are two points;
			// a gap (only in day or week buckets) would be charted as a missing value.
			return { label: s.subscriptionId, scans: points.length, spanGaps: true, points: (s.points || []).map(function (p) {
				var scored = p.score !== null && p.score !== undefined && !p.gap;
				return { x: seconds(p.bucketStart), y: scored ? p.score : null };
			}) };
		});
		var container = $('posture-chart');
		var scans = series.reduce(function (n, s) {
			return n + s.scans;
		}, 0);
		container.setAttribute('data-points', String(scans));
		if (!scans) {
			clear(container).appendChild(element('p', { text: 'No scan has finished in this period.' }));
			return;
		}
		chart(container, 'Score (0–100) after each scan', series,
			align(series.map(function (s) {
				return s.points;
			})), 'score', [0, 100]);
	}

	// Severity lines: the tenant's failing results by severity after the last scan of
	// each day (posture trend); "All open": the findings ledger's open count at each
	// day's end (findings trend).
	function renderFindingsTrend(posture, findings) {
		var tenant = (posture.series || []).filter(function (s) {
			return !s.subscriptionId;
		})[0] || { points: [] };
		var scanned = (tenant.points || []).filter(function (p) {
			return !p.gap && p.scanId;
		});
		var series = SEVERITIES.map(function (severity) {
			var field = severity.toLowerCase();
			return { label: severity.charAt(0) + field.substring(1), colour: SEVERITY_COLOURS[severity],
				points: scanned.map(function (p) {
					return { x: seconds(p.bucketStart), y: p[field] };
				}) };
		});
		series.push({ label: 'All open', colour: SEVERITY_COLOURS.ALL, points: (findings.points || []).map(function (p) {
			return { x: seconds(p.bucketStart), y: p.open };
		}) });
		var data = align(series.map(function (s) {
			return s.points;
		}));
		var rows = clear($('findings-table').tBodies[0]);
		data[0].forEach(function (x, i) {
			rows.appendChild(element('tr', {}, [element('td', { text: new Date(x * 1000).toISOString().substring(0, 10) })]
				.concat(data.slice(1).map(function (values) {
					return element('td', { text: values[i] === null ? '' : String(values[i]) });
				}))));
		});
		$('findings-chart').setAttribute('data-points', String(data[0].length));
		chart($('findings-chart'), 'Findings at the end of each day', series, data, 'findings');
	}

	function renderKeys(page) {
		var now = Date.now();
		var horizon = now + 90 * DAY * 1000;
		var list = clear($('key-timeline'));
		var keys = (page.items || []).filter(function (k) {
			var due = k.expiresAt || k.nextDueAt;
			return due && Date.parse(due) <= horizon;
		}).sort(function (a, b) {
			return Date.parse(a.expiresAt || a.nextDueAt) - Date.parse(b.expiresAt || b.nextDueAt);
		});
		if (!keys.length) {
			list.appendChild(element('li', { text: 'No key expires or falls due in the next 90 days.' }));
		}
		keys.forEach(function (k) {
			var expiry = k.expiresAt ? Date.parse(k.expiresAt) : null;
			var due = k.nextDueAt ? Date.parse(k.nextDueAt) : null;
			var text = [];
			if (expiry) {
				text.push((expiry < now ? 'expired ' : 'expires ') + day(k.expiresAt));
			}
			if (due) {
				text.push((due < now ? 'rotation overdue since ' : 'rotation due ') + day(k.nextDueAt));
			}
			list.appendChild(element('li', { class: (expiry && expiry < now) || (due && due < now) ? 'overdue' : '' }, [
				element('strong', { text: k.name }), ' in ' + shortId(k.vaultId) + ': ' + text.join(', ')
			]));
		});
	}

	function stateCell(state) {
		return element('td', {}, [element('span', { class: 'state state-' + state, text: state })]);
	}

	function renderScans(page) {
		var rows = clear($('scans-table-body'));
		(page.items || []).forEach(function (scan) {
			var scope = scan.scope || {};
			var target = (scope.workspaces && scope.workspaces.length ? scope.workspaces.map(shortId)
				: scope.resourceGroups && scope.resourceGroups.length ? scope.resourceGroups : scope.subscriptions || []).join(', ');
			rows.appendChild(element('tr', {}, [element('td', { text: minute(scan.createdAt) }), element('td', { text: target }),
				element('td', { text: scan.trigger }), stateCell(scan.state)]));
		});
		if (!rows.rows.length) {
			rows.appendChild(element('tr', {}, [element('td', { colspan: '4', text: 'No scans yet.' })]));
		}
	}

	function renderRotations(page) {
		var rows = clear($('rotations-table-body'));
		(page.items || []).forEach(function (rotation) {
			var key = rotation.key || {};
			rows.appendChild(element('tr', {}, [element('td', { text: minute(rotation.createdAt) }),
				element('td', { text: (key.keyName || '') + ' (' + shortId(key.vaultId) + ')' }),
				element('td', { text: rotation.trigger }), stateCell(rotation.status)]));
		});
		if (!rows.rows.length) {
			rows.appendChild(element('tr', {}, [element('td', { colspan: '4', text: 'No rotations yet.' })]));
		}
	}

	// --- Loading -------------------------------------------------------------------------

	// A panel whose request fails says so; the others still show. A rejected token
	// fails the whole page, back to the sign-in prompt.
	function optional(request) {
		return request.catch(function (error) {
			if (error instanceof Unauthorized) {
				throw error;
			}
			return { unavailable: (error && error.message) || String(error) };
		});
	}

	function panel(answer, render, containerId) {
		if (answer && answer.unavailable) {
			var container = clear($(containerId));
			var message = element('p', { class: 'unavailable', text: 'Not available: ' + answer.unavailable });
			if (container.tagName === 'TBODY') {
				container.appendChild(element('tr', {}, [element('td', { colspan: '5' }, [message])]));
			}
			else {
				container.appendChild(container.tagName === 'UL' || container.tagName === 'OL' ? element('li', {}, [message]) : message);
			}
			return;
		}
		render(answer);
	}

	function load() {
		status('Loading…');
		var from = new Date(Date.now() - 90 * DAY * 1000).toISOString();
		var range = 'bucket=day&from=' + encodeURIComponent(from);
		return Promise.all([
			optional(api('/overview')),
			optional(api('/posture/trend?' + range)),
			optional(api('/findings/trend?' + range)),
			optional(api('/keys?size=200')),
			optional(api('/scans?size=10')),
			optional(api('/rotations?size=10')),
			optional(api('/posture/trend?bucket=scan&from=' + encodeURIComponent(from)))
		]).then(function (answers) {
			$('sign-in').hidden = true;
			$('dashboard').hidden = false;
			$('refresh').hidden = false;
			$('sign-out').hidden = false;
			charts.forEach(function (plot) {
				plot.destroy();
			});
			charts = [];
			var overview = answers[0];
			panel(overview, renderTiles, 'tiles');
			panel(overview, function (o) {
				renderWaiting(o.waiting);
			}, 'waiting');
			panel(answers[6], renderPostureTrend, 'posture-chart');
			panel(answers[1].unavailable ? answers[1] : answers[2], function (findings) {
				renderFindingsTrend(answers[1], findings);
			}, 'findings-chart');
			panel(answers[3], renderKeys, 'key-timeline');
			panel(answers[4], renderScans, 'scans-table-body');
			panel(answers[5], renderRotations, 'rotations-table-body');
			status(overview.unavailable ? 'Loaded, but the overview is not available.'
				: 'Updated ' + minute(overview.generatedAt) + ' UTC.');
			document.body.setAttribute('data-loaded', 'true');
		}).catch(failed);
	}

	function failed(error) {
		if (error instanceof Unauthorized) {
			showSignIn(error.message);
		}
		else {
			status('Could not load the dashboard: ' + (error && error.message ? error.message : error));
		}
		document.body.setAttribute('data-loaded', 'error');
	}

	document.addEventListener('DOMContentLoaded', function () {
		$('token-form').addEventListener('submit', function (event) {
			event.preventDefault();
			var token = $('token-input').value.trim().replace(/^Bearer\s+/i, '');
			if (token) {
				sessionStorage.setItem(TOKEN, token);
				$('token-input').value = '';
				load();
			}
		});
		$('sign-in-entra').addEventListener('click', startEntraSignIn);
		$('refresh').addEventListener('click', load);
		$('sign-out').addEventListener('click', function () {
			showSignIn('Signed out.');
		});
		loadSignInSettings().then(finishEntraSignIn).then(load).catch(failed);
	});
})();
