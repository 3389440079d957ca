// Every public page, as a reader reaches it, in English; Spanish is the same under /es.
export const PAGES = [
  '/',
  '/audits',
  '/audits?outcome=confirmed&type=ballot_polling',
  '/audits/boone-county-2024-general-rla',
  '/audits/st-louis-county-2024-general-rla',
  '/audits/boone-county-2024-general-rla/v/1',
  // Evidence without a re-draw command (no sample size published), and the planner:
  // empty, answered for each method, and refusing bad input (400) beside its fields.
  '/audits/greene-county-2024-primary-batch',
  '/audits/planner',
  '/audits/planner?method=bravo&risk=5&ballots=92415&winner=51208&runner_up=39877',
  '/audits/planner?method=kaplan_markov&risk=5&ballots=100000&winner=60000&runner_up=40000&o1=0.5',
  '/audits/planner?method=bravo&risk=abc&ballots=10&winner=20&runner_up=1',
  '/updates/2024-general-audits-complete/v/1',
  '/spending',
  '/spending/hava-2018-election-security',
  '/spending/hava-2018-election-security?category=cyber_security',
  '/updates',
  '/updates/2024-general-audits-complete',
  '/jurisdictions/boone-county',
  '/jurisdictions/missouri',
  '/about',
  '/data',
  '/expenditures/exp-001',
  '/spending/hava-2018-election-security/v/1',
  '/no-such-page',
];

export function spanish(path: string): string {
  return path === '/' ? '/es' : `/es${path}`;
}

export const ALL_PAGES = [...PAGES, ...PAGES.map(spanish)];
