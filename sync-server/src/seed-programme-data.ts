/**
 * The programme-size demo's tables (seed-programme.ts): experts3 … expert26, supervisor3 …
 * supervisor14, officer2, and what their assignments are about.
 */
import type { Country } from '../../src/shared/reference-data';
import type { KtActivityType } from '../../src/shared/schemas/daily-log.schema';

/** Diaspora experts, six of each origin, and the city in the Netherlands or the EU they live in. */
export const PROGRAMME_EXPERTS: readonly { name: string; origin: Country; home: string }[] = [
  { name: 'Farid Ahmadzai', origin: 'Afghanistan', home: 'Rotterdam' },
  { name: 'Zarghona Popal', origin: 'Afghanistan', home: 'Utrecht' },
  { name: 'Mohammad Nasir Sultani', origin: 'Afghanistan', home: 'Hamburg' },
  { name: 'Mariam Noori', origin: 'Afghanistan', home: 'The Hague' },
  { name: 'Habibullah Karimi', origin: 'Afghanistan', home: 'Amsterdam' },
  { name: 'Shabnam Rahimi', origin: 'Afghanistan', home: 'Eindhoven' },
  { name: 'Ali Al-Jubouri', origin: 'Iraq', home: 'Amsterdam' },
  { name: 'Noor Al-Hashimi', origin: 'Iraq', home: 'Leiden' },
  { name: 'Karwan Aziz', origin: 'Iraq', home: 'Groningen' },
  { name: 'Shirin Mahmoud', origin: 'Iraq', home: 'Arnhem' },
  { name: 'Haider Al-Saadi', origin: 'Iraq', home: 'Malmö' },
  { name: 'Rana Yousif', origin: 'Iraq', home: 'Nijmegen' },
  { name: 'Oluwaseun Adebayo', origin: 'Nigeria', home: 'Amsterdam' },
  { name: 'Chiamaka Eze', origin: 'Nigeria', home: 'Rotterdam' },
  { name: 'Emeka Nwosu', origin: 'Nigeria', home: 'Brussels' },
  { name: 'Funmilayo Ogunleye', origin: 'Nigeria', home: 'Utrecht' },
  { name: 'Ibrahim Musa', origin: 'Nigeria', home: 'Delft' },
  { name: 'Aisha Bello', origin: 'Nigeria', home: 'Tilburg' },
  { name: 'Hodan Farah', origin: 'Somalia', home: 'Tilburg' },
  { name: 'Mohamed Abdi Hassan', origin: 'Somalia', home: 'Amsterdam' },
  { name: 'Fadumo Ali Mohamud', origin: 'Somalia', home: 'Rotterdam' },
  { name: 'Abdullahi Jama', origin: 'Somalia', home: 'Leiden' },
  { name: 'Sahra Ismail', origin: 'Somalia', home: 'Stockholm' },
  { name: 'Yusuf Omar Dahir', origin: 'Somalia', home: 'Almere' },
];

/** supervisor3 … supervisor14, in this order: one per host institution (PE-11). */
export const PROGRAMME_SUPERVISORS: readonly string[] = [
  'Shafiqullah Hamdard',
  'Gul Ahmad Wardak',
  'Layla Al-Khafaji',
  'Dilshad Omar',
  'Babatunde Olawale',
  'Hauwa Abdullahi',
  'Ahmed Sheikh Nur',
  'Khadra Osman Aden',
  'Nasrin Sadat',
  'Musa Garba',
  'Abdiqani Farah Hussein',
  'Hibaaq Mohamed Warsame',
];

export const PROGRAMME_OFFICER = 'Sanne de Vries';

/**
 * Every host institution above, its city, and the number of its host supervisor; each supervisor
 * belongs to one institution (PE-11, AS-8), so no number appears twice.
 */
export const PROGRAMME_HOSTS: readonly { name: string; city: string; supervisor: number }[] = [
  { name: 'Ministry of Public Health, Kabul', city: 'Kabul', supervisor: 3 },
  { name: 'Ministry of Rural Rehabilitation and Development, Kabul', city: 'Kabul', supervisor: 4 },
  { name: 'Herat Technical and Vocational Institute', city: 'Herat', supervisor: 11 },
  { name: 'Ministry of Migration and Displaced, Baghdad', city: 'Baghdad', supervisor: 5 },
  { name: 'Kurdistan Region Joint Crisis Coordination Centre, Erbil', city: 'Erbil', supervisor: 6 },
  { name: 'National Information Technology Development Agency, Abuja', city: 'Abuja', supervisor: 8 },
  { name: 'Lagos University Teaching Hospital', city: 'Lagos', supervisor: 7 },
  { name: 'Federal Ministry of Agriculture and Food Security, Abuja', city: 'Abuja', supervisor: 12 },
  { name: 'Ministry of Energy and Water Resources, Mogadishu', city: 'Mogadishu', supervisor: 9 },
  {
    name: 'Ministry of Interior, Federal Affairs and Reconciliation, Mogadishu',
    city: 'Mogadishu',
    supervisor: 10,
  },
  { name: 'Office of the Attorney General, Mogadishu', city: 'Mogadishu', supervisor: 13 },
  { name: 'Ministry of Commerce and Industry, Mogadishu', city: 'Mogadishu', supervisor: 14 },
];

interface SectorWork {
  /** What the reports say the work focused on, after "has focused on". */
  focus: string;
  /** Four terms-of-reference objectives; an assignment takes three of them. */
  objectives: readonly string[];
  /** Knowledge-transfer sessions a day's log can record, with their usual audience. */
  activities: readonly { text: string; type: KtActivityType; people: number }[];
  output: string;
}

export const SECTOR_WORK: Record<string, SectorWork> = {
  Health: {
    focus: 'infection prevention and the monthly reporting of patient data',
    objectives: [
      'Introduce an infection prevention and control checklist on the surgical wards.',
      'Train the nursing supervisors to audit hand hygiene and report the results monthly.',
      'Set up a monthly report of admissions, referrals and deaths for the health information unit.',
      'Review the essential medicines stock-keeping with the pharmacy.',
    ],
    activities: [
      {
        text: 'Ward round with the nursing supervisors on the infection prevention checklist.',
        type: 'coaching_mentoring',
        people: 5,
      },
      { text: 'Training on hand-hygiene audits for the ward nurses.', type: 'training', people: 14 },
      {
        text: 'Worked through last month’s admission data with the health information unit.',
        type: 'problem_solving',
        people: 3,
      },
      {
        text: 'Workshop with the pharmacy and ward heads on stock-outs of essential medicines.',
        type: 'workshop',
        people: 11,
      },
    ],
    output:
      'Infection prevention checklist (adopted by two wards), hand-hygiene audit form, template for the monthly patient data report.',
  },
  'Rural Development/Water': {
    focus: 'the maintenance of rural water points and the village water committees',
    objectives: [
      'Map the functioning of the province’s rural water points with the provincial office.',
      'Train district engineers in the maintenance of hand pumps and solar pumping systems.',
      'Draft guidelines for village water committees on fees and repairs.',
      'Set up a simple reporting line for broken water points.',
    ],
    activities: [
      {
        text: 'Reviewed the water point inventory with the provincial engineers.',
        type: 'problem_solving',
        people: 4,
      },
      { text: 'Hands-on training on hand-pump repair for district engineers.', type: 'training', people: 12 },
      {
        text: 'Workshop with village water committee members on fee collection.',
        type: 'workshop',
        people: 16,
      },
      {
        text: 'Advised the directorate on the draft guidelines for water committees.',
        type: 'advice',
        people: 3,
      },
    ],
    output:
      'Water point inventory with the status of each site, repair training manual, draft guidelines for village water committees.',
  },
  TVET: {
    focus: 'bringing the electrical installation course in line with what employers ask',
    objectives: [
      'Revise the electrical installation curriculum with local employers.',
      'Coach the instructors in practical, competence-based assessment.',
      'Set up a placement scheme with five local companies.',
      'Draw up an equipment plan for the workshop.',
    ],
    activities: [
      { text: 'Curriculum review session with the electrical instructors.', type: 'workshop', people: 8 },
      {
        text: 'Observed and coached two instructors during practical lessons.',
        type: 'coaching_mentoring',
        people: 2,
      },
      {
        text: 'Training on competence-based assessment for the teaching staff.',
        type: 'training',
        people: 13,
      },
      {
        text: 'Met employers with the placement officer to agree on student placements.',
        type: 'advice',
        people: 6,
      },
    ],
    output:
      'Revised curriculum for electrical installation, assessment rubrics for six practical units, list of placement companies.',
  },
  'Migration Governance': {
    focus: 'the case management of returnees and the referral of vulnerable cases',
    objectives: [
      'Map the reception and referral process for returnees with the directorate.',
      'Train caseworkers in needs assessment and referral of vulnerable cases.',
      'Design a shared case file for returnees used by the ministry and its partners.',
      'Draft standard operating procedures for the reception desk.',
    ],
    activities: [
      {
        text: 'Mapped the returnee reception process with the directorate staff.',
        type: 'workshop',
        people: 9,
      },
      { text: 'Training on needs assessment and referral for caseworkers.', type: 'training', people: 15 },
      {
        text: 'Coached the case management team on the new case file.',
        type: 'coaching_mentoring',
        people: 4,
      },
      {
        text: 'Advised the director general on data sharing with partner agencies.',
        type: 'advice',
        people: 2,
      },
    ],
    output:
      'Process map of reception and referral, shared case file template, draft standard operating procedures.',
  },
  ICT: {
    focus: 'the security and the delivery practices of the agency’s e-government services',
    objectives: [
      'Assess the security of the agency’s citizen-facing web services.',
      'Coach the development team in agile delivery and code review.',
      'Draft a data backup and recovery plan for the agency’s servers.',
      'Train the help desk in handling incidents and user reports.',
    ],
    activities: [
      {
        text: 'Security review of the citizen portal with the infrastructure team.',
        type: 'problem_solving',
        people: 4,
      },
      {
        text: 'Code review and pairing with the e-government developers.',
        type: 'coaching_mentoring',
        people: 5,
      },
      { text: 'Workshop on incident handling for the help desk.', type: 'workshop', people: 10 },
      {
        text: 'Training on backup and restore procedures for system administrators.',
        type: 'training',
        people: 7,
      },
    ],
    output:
      'Security assessment with a prioritised list of fixes, backup and recovery plan, incident handling guide for the help desk.',
  },
  Agriculture: {
    focus: 'seed quality control and the extension services for smallholder farmers',
    objectives: [
      'Strengthen the seed certification laboratory’s quality procedures.',
      'Train extension officers in climate-smart practices for smallholders.',
      'Set up a data collection tool for yields in pilot farms.',
      'Advise on the post-harvest loss reduction programme.',
    ],
    activities: [
      {
        text: 'Reviewed the seed laboratory’s testing procedures with the lab staff.',
        type: 'problem_solving',
        people: 5,
      },
      {
        text: 'Training for extension officers on soil and water conservation.',
        type: 'training',
        people: 18,
      },
      { text: 'Field day with extension officers at a pilot farm.', type: 'workshop', people: 22 },
      { text: 'Advised the department on the post-harvest storage pilot.', type: 'advice', people: 3 },
    ],
    output:
      'Updated laboratory procedures, extension training module on conservation farming, yield data form for pilot farms.',
  },
  'Local Governance': {
    focus: 'district council planning and the public financial management of the districts',
    objectives: [
      'Support district councils in preparing their annual development plans.',
      'Train district finance staff in budgeting and reporting.',
      'Draft a guide to community consultation for district planning.',
      'Review the ministry’s monitoring of district service delivery.',
    ],
    activities: [
      { text: 'Planning workshop with district council staff.', type: 'workshop', people: 14 },
      { text: 'Training on budget preparation for district finance officers.', type: 'training', people: 12 },
      { text: 'Coached the planning unit on the consultation guide.', type: 'coaching_mentoring', people: 3 },
      { text: 'Advised the director on the monitoring indicators for districts.', type: 'advice', people: 2 },
    ],
    output:
      'Annual development plan template, budgeting training material, draft community consultation guide.',
  },
  'Rule of Law': {
    focus: 'case tracking and the handling of pre-trial detention cases by prosecutors',
    objectives: [
      'Set up a case tracking register for the prosecution office.',
      'Train prosecutors in reviewing pre-trial detention cases.',
      'Draft internal guidelines for handling cases of sexual and gender-based violence.',
      'Review the archive and file management of the office.',
    ],
    activities: [
      {
        text: 'Worked with the registry clerks on the new case tracking register.',
        type: 'coaching_mentoring',
        people: 4,
      },
      { text: 'Training on pre-trial detention review for prosecutors.', type: 'training', people: 10 },
      { text: 'Workshop on handling cases of gender-based violence.', type: 'workshop', people: 12 },
      { text: 'Advised the Attorney General’s office on file management.', type: 'advice', people: 2 },
    ],
    output:
      'Case tracking register (paper and spreadsheet), training notes on pre-trial detention, draft guidelines on gender-based violence cases.',
  },
  Water: {
    focus: 'borehole maintenance and the water-quality testing of the ministry',
    objectives: [
      'Set up a maintenance schedule for the ministry’s rural boreholes.',
      'Train the water-quality unit in sampling and laboratory testing.',
      'Support the regional water utilities in reducing non-revenue water.',
      'Draft a standard design for borehole construction contracts.',
    ],
    activities: [
      {
        text: 'Reviewed borehole maintenance records with the rural water unit.',
        type: 'coaching_mentoring',
        people: 4,
      },
      {
        text: 'Training on water sampling and testing for the water-quality unit.',
        type: 'training',
        people: 9,
      },
      { text: 'Workshop with the regional utilities on non-revenue water.', type: 'workshop', people: 15 },
      { text: 'Advised the directorate on borehole construction contracts.', type: 'advice', people: 3 },
    ],
    output:
      'Borehole maintenance schedule, sampling plan and test record forms, model construction contract.',
  },
  'Private Sector Development': {
    focus: 'business registration and the ministry’s support to small enterprises',
    objectives: [
      'Simplify the business registration procedure with the registry team.',
      'Train the ministry’s SME desk in business advisory services.',
      'Draft a consultation plan with the chambers of commerce.',
      'Set up statistics on newly registered businesses.',
    ],
    activities: [
      {
        text: 'Walked through the registration procedure with the registry team.',
        type: 'problem_solving',
        people: 5,
      },
      { text: 'Training for the SME desk on business plan advice.', type: 'training', people: 8 },
      {
        text: 'Consultation workshop with representatives of the chambers of commerce.',
        type: 'workshop',
        people: 17,
      },
      { text: 'Advised the director general on the registration fee structure.', type: 'advice', people: 2 },
    ],
    output:
      'Simplified registration procedure (from 9 to 5 steps), SME advisory toolkit, registration statistics template.',
  },
};

/** Days worked away from the host institution without a session with its staff. */
export const REMOTE_WORK: readonly string[] = [
  'Prepared the material for next week’s sessions.',
  'Wrote up the notes of the week and sent them to the supervisor.',
  'Reviewed documents shared by the team and returned comments.',
  'Online call with the team to follow up on the action points.',
];

export const LOG_NOTES: readonly string[] = [
  'Power cut in the afternoon; continued on paper.',
  'Two participants asked for the slides; shared them by email.',
  'Session moved to the morning because of a public holiday tomorrow.',
  'The team asked for a follow-up on the same topic.',
];

export const EVIDENCE: Record<'not_started' | 'in_progress' | 'achieved' | 'not_achievable', string> = {
  not_started: 'Planned for the coming weeks, as agreed in the work plan.',
  in_progress: 'Started with the team; the first drafts and sessions are listed in the activities below.',
  achieved: 'Done: the team uses the result in its own work, as the supervisor confirmed.',
  not_achievable:
    'Not possible within the assignment: it depends on a budget decision still pending; handed over to the supervisor.',
};

export const CHALLENGES: readonly string[] = [
  'Power cuts limited the work on computers to the mornings.',
  'Several sessions had to be moved because staff were called to other meetings.',
  'Travel to the field sites needed security clearance, which took a week.',
  'Slow internet at the host institution made shared documents hard to use; we worked on printed copies.',
];

export const RECOMMENDATIONS: readonly string[] = [
  'Name one focal point who owns the new procedures and reports on them to the management monthly.',
  'Budget for a refresher session in six months, led by the staff trained in this assignment.',
  'Share the materials with the other regional offices so the work is not repeated.',
];
