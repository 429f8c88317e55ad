/** Demo people, host institutions and daily logs for a first start with an empty database. */
import type { Country } from '../../src/shared/reference-data';
import type { Assignment, DailyLog } from '../../src/shared/schemas';
import type { PublicUser } from '../../src/shared/users';

export const DEMO_PASSWORD = 'fieldbook-demo';

export interface HostInstitution {
  name: string;
  country: Country;
  sector: string;
}

/**
 * The id of a demo host institution's document (IN-*): from its name, so the demo assignments and
 * the programme's can name it without a table of ids.
 */
export function demoInstitutionId(name: string): string {
  return `inst-${name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 58)}`;
}

/** Plausible CD4D host institutions, a few in each programme country. */
export const DEMO_HOST_INSTITUTIONS: readonly HostInstitution[] = [
  { name: 'Ministry of Public Health, Kabul', country: 'Afghanistan', sector: 'Health' },
  {
    name: 'Ministry of Rural Rehabilitation and Development, Kabul',
    country: 'Afghanistan',
    sector: 'Rural Development/Water',
  },
  { name: 'Herat Technical and Vocational Institute', country: 'Afghanistan', sector: 'TVET' },
  { name: 'Ministry of Migration and Displaced, Baghdad', country: 'Iraq', sector: 'Migration Governance' },
  {
    name: 'Kurdistan Region Joint Crisis Coordination Centre, Erbil',
    country: 'Iraq',
    sector: 'Migration Governance',
  },
  { name: 'National Information Technology Development Agency, Abuja', country: 'Nigeria', sector: 'ICT' },
  { name: 'Lagos University Teaching Hospital', country: 'Nigeria', sector: 'Health' },
  {
    name: 'Federal Ministry of Agriculture and Food Security, Abuja',
    country: 'Nigeria',
    sector: 'Agriculture',
  },
  { name: 'Ministry of Energy and Water Resources, Mogadishu', country: 'Somalia', sector: 'Water' },
  {
    name: 'Ministry of Interior, Federal Affairs and Reconciliation, Mogadishu',
    country: 'Somalia',
    sector: 'Local Governance',
  },
  { name: 'Office of the Attorney General, Mogadishu', country: 'Somalia', sector: 'Rule of Law' },
  {
    name: 'Ministry of Commerce and Industry, Mogadishu',
    country: 'Somalia',
    sector: 'Private Sector Development',
  },
];

export const DEMO_USERS: readonly PublicUser[] = [
  { id: 'user-expert1', email: 'expert1@demo.test', name: 'Amina Yusuf', role: 'expert' },
  { id: 'user-expert2', email: 'expert2@demo.test', name: 'Chidi Okafor', role: 'expert' },
  { id: 'user-supervisor1', email: 'supervisor1@demo.test', name: 'Abdirahman Warsame', role: 'supervisor' },
  { id: 'user-supervisor2', email: 'supervisor2@demo.test', name: 'Ngozi Adeyemi', role: 'supervisor' },
  { id: 'user-officer', email: 'officer@demo.test', name: 'Lena Fischer', role: 'officer' },
];

/**
 * PE-11: the host institution each demo supervisor belongs to — the one of the assignment they
 * supervise (AS-8). Kept beside DEMO_USERS rather than in it: those are the public users.
 */
export const DEMO_SUPERVISOR_INSTITUTIONS: Readonly<Record<string, string>> = {
  'user-supervisor1': demoInstitutionId('Ministry of Energy and Water Resources, Mogadishu'),
  'user-supervisor2': demoInstitutionId('National Information Technology Development Agency, Abuja'),
};

type AssignmentSeed = Omit<Assignment, 'startDate' | 'endDate' | 'createdAt' | 'updatedAt'>;

export const DEMO_ASSIGNMENTS: readonly AssignmentSeed[] = [
  {
    id: 'asg-expert1',
    expertId: 'user-expert1',
    expertName: 'Amina Yusuf',
    institution: {
      name: 'Ministry of Energy and Water Resources, Mogadishu',
      country: 'Somalia',
      sector: 'Water',
    },
    institutionId: demoInstitutionId('Ministry of Energy and Water Resources, Mogadishu'),
    supervisorIds: ['user-supervisor1'],
    supervisorNames: ['Abdirahman Warsame'],
    mode: 'physical',
    objectives: [
      'Set up a preventive maintenance schedule for the ministry’s 40 rural boreholes.',
      'Train the water-quality unit in field testing and reporting of results.',
      'Draft a tariff-setting guideline with the regional water utilities.',
    ],
    status: 'active',
  },
  {
    id: 'asg-expert2',
    expertId: 'user-expert2',
    expertName: 'Chidi Okafor',
    institution: {
      name: 'National Information Technology Development Agency, Abuja',
      country: 'Nigeria',
      sector: 'ICT',
    },
    institutionId: demoInstitutionId('National Information Technology Development Agency, Abuja'),
    supervisorIds: ['user-supervisor2'],
    supervisorNames: ['Ngozi Adeyemi'],
    mode: 'hybrid',
    objectives: [
      'Review the agency’s data-protection compliance process against the NDPA 2023.',
      'Mentor the e-government team in agile delivery of citizen services.',
      'Produce a cloud-hosting readiness assessment for federal ministries.',
    ],
    status: 'active',
  },
];

/** Expert 1's recent days; `daysAgo` counts back from the seeding date. */
export const DEMO_LOGS: readonly (Omit<DailyLog, 'date' | 'assignmentId'> & { daysAgo: number })[] = [
  {
    id: 'log-expert1-1',
    daysAgo: 1,
    hours: 7.5,
    workMode: 'on_site',
    location: 'Ministry of Energy and Water Resources, Mogadishu',
    activities:
      'Walked the borehole maintenance records through with the rural water unit; agreed a common fault code list.',
    ktActivities: [{ type: 'coaching_mentoring', peopleReached: 4 }],
    notes: 'Records for 12 boreholes are missing; the unit head will ask the regional offices.',
  },
  {
    id: 'log-expert1-2',
    daysAgo: 2,
    hours: 6,
    workMode: 'on_site',
    location: 'Ministry of Energy and Water Resources, Mogadishu',
    activities:
      'Half-day training on field water-quality testing (turbidity, chlorine residual, E. coli kits).',
    ktActivities: [{ type: 'training', peopleReached: 11 }],
    notes: '',
  },
  {
    id: 'log-expert1-3',
    daysAgo: 3,
    hours: 8,
    workMode: 'travel',
    location: 'Mogadishu – Baidoa',
    activities: 'Travelled with two engineers to inspect the Baidoa pumping station and its generator.',
    ktActivities: [{ type: 'problem_solving', peopleReached: 2 }],
    notes: 'Security escort arranged by the ministry.',
  },
  {
    id: 'log-expert1-4',
    daysAgo: 6,
    hours: 5.5,
    workMode: 'remote',
    location: 'Mogadishu (hotel)',
    activities:
      'Drafted the outline of the tariff-setting guideline and sent it to the directorate for comments.',
    ktActivities: [{ type: 'advice', peopleReached: 3 }],
    notes: '',
  },
  {
    id: 'log-expert1-5',
    daysAgo: 7,
    hours: 7,
    workMode: 'on_site',
    location: 'Ministry of Energy and Water Resources, Mogadishu',
    activities: 'Workshop with the regional utilities on non-revenue water and metering.',
    ktActivities: [
      { type: 'workshop', peopleReached: 18 },
      { type: 'advice', peopleReached: 2 },
    ],
    notes: 'Participants asked for a follow-up session on billing software.',
  },
];

type MonthLogSeed = Omit<DailyLog, 'date' | 'assignmentId'>;

/**
 * Expert 1's days in the month two months back, approved by supervisor 1. Ids do not start with
 * `log-expert1-`: that prefix is the recent week above.
 */
export const DEMO_APPROVED_MONTH_LOGS: readonly MonthLogSeed[] = [
  {
    id: 'log-approved-expert1-1',
    hours: 8,
    workMode: 'travel',
    location: 'Nairobi – Mogadishu',
    activities: 'Travelled to Mogadishu; security and induction briefing at the IOM office.',
    ktActivities: [],
    notes: '',
  },
  {
    id: 'log-approved-expert1-2',
    hours: 7,
    workMode: 'on_site',
    location: 'Ministry of Energy and Water Resources, Mogadishu',
    activities: 'Introductory meeting with the Director of Water; agreed the work plan for the assignment.',
    ktActivities: [{ type: 'advice', peopleReached: 3 }],
    notes: '',
  },
  {
    id: 'log-approved-expert1-3',
    hours: 7.5,
    workMode: 'on_site',
    location: 'Ministry of Energy and Water Resources, Mogadishu',
    activities: 'Inventory of the rural borehole records held by the ministry; listed the gaps.',
    ktActivities: [{ type: 'coaching_mentoring', peopleReached: 2 }],
    notes: '',
  },
  {
    id: 'log-approved-expert1-4',
    hours: 4,
    workMode: 'remote',
    location: 'Mogadishu (hotel)',
    activities: 'Wrote the inception note and shared it with the supervisor.',
    ktActivities: [],
    notes: '',
  },
];

/** Expert 1's days in last month, submitted and waiting for supervisor 1. */
export const DEMO_SUBMITTED_MONTH_LOGS: readonly MonthLogSeed[] = [
  {
    id: 'log-submitted-expert1-1',
    hours: 7,
    workMode: 'on_site',
    location: 'Ministry of Energy and Water Resources, Mogadishu',
    activities: 'Drafted the preventive maintenance checklist with the rural water unit.',
    ktActivities: [{ type: 'coaching_mentoring', peopleReached: 4 }],
    notes: '',
  },
  {
    id: 'log-submitted-expert1-2',
    hours: 6.5,
    workMode: 'on_site',
    location: 'Ministry of Energy and Water Resources, Mogadishu',
    activities: 'Training on pump fault diagnosis for the maintenance technicians.',
    ktActivities: [{ type: 'training', peopleReached: 9 }],
    notes: '',
  },
  {
    id: 'log-submitted-expert1-3',
    hours: 8,
    workMode: 'travel',
    location: 'Mogadishu – Beledweyne',
    activities: 'Field visit to three boreholes near Beledweyne with two ministry engineers.',
    ktActivities: [{ type: 'problem_solving', peopleReached: 2 }],
    notes: 'Two generators need spare parts; list sent to procurement.',
  },
  {
    id: 'log-submitted-expert1-4',
    hours: 3,
    workMode: 'remote',
    location: 'Mogadishu (hotel)',
    activities: 'Wrote up the field visit findings.',
    ktActivities: [],
    notes: '',
  },
  {
    id: 'log-submitted-expert1-5',
    hours: 7,
    workMode: 'on_site',
    location: 'Ministry of Energy and Water Resources, Mogadishu',
    activities: 'Workshop with the water-quality unit on sampling plans.',
    ktActivities: [{ type: 'workshop', peopleReached: 12 }],
    notes: '',
  },
];

/** Expert 2's days in last month; supervisor 2 returned the month with a question on one day. */
export const DEMO_RETURNED_MONTH_LOGS: readonly MonthLogSeed[] = [
  {
    id: 'log-returned-expert2-1',
    hours: 7,
    workMode: 'on_site',
    location: 'NITDA, Abuja',
    activities: 'Reviewed the data-protection compliance workflow with the legal team.',
    ktActivities: [{ type: 'advice', peopleReached: 5 }],
    notes: '',
  },
  {
    id: 'log-returned-expert2-2',
    hours: 10,
    workMode: 'on_site',
    location: 'NITDA, Abuja',
    activities: 'Agile coaching for the e-government team: sprint planning and backlog.',
    ktActivities: [{ type: 'coaching_mentoring', peopleReached: 8 }],
    notes: '',
  },
  {
    id: 'log-returned-expert2-3',
    hours: 5,
    workMode: 'remote',
    location: 'London',
    activities: 'Drafted the cloud-hosting readiness questionnaire for federal ministries.',
    ktActivities: [],
    notes: '',
  },
];
