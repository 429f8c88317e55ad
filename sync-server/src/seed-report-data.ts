/**
 * Demo knowledge-transfer reports: expert1's endorsed inception report and half-written mid-term
 * report, expert2's inception report waiting for supervisor2. The objectives are the demo
 * assignments' terms of reference, in their order (seed-data.ts).
 */
import type { ReportSections } from '../../src/shared/schemas/report.schema';

export const DEMO_INCEPTION_EXPERT1: ReportSections = {
  summary:
    'In the first two weeks I agreed the work plan with the Director of Water and the heads of the rural water unit and the water-quality unit. The ministry’s priority is to keep its 40 rural boreholes running through the dry season, so the assignment starts with maintenance records and field testing, and the tariff guideline follows once the utilities have been consulted.',
  objectives: [
    {
      objective: 'Set up a preventive maintenance schedule for the ministry’s 40 rural boreholes.',
      progress: 'in_progress',
      evidence:
        'Inventory of borehole records completed for 28 of 40 sites; gaps listed and shared with the regional offices. Draft fault code list agreed with the rural water unit.',
    },
    {
      objective: 'Train the water-quality unit in field testing and reporting of results.',
      progress: 'in_progress',
      evidence:
        'Training needs assessed with the unit head; first half-day session on turbidity and chlorine residual scheduled for week 4, with the unit’s own test kits.',
    },
    {
      objective: 'Draft a tariff-setting guideline with the regional water utilities.',
      progress: 'not_started',
      evidence:
        'Agreed with the directorate to start after the workshop on non-revenue water with the utilities.',
    },
  ],
  ktNarrative:
    'Introductory meeting with the Director of Water and the unit heads (3 people). Coaching of two rural water engineers on reading and completing the borehole maintenance records, done side by side on the ministry’s own files so that they can continue the inventory without me.',
  outputs:
    'Agreed work plan for the assignment (signed by the Director of Water). Inventory sheet of borehole records with the gaps per site. Draft fault code list (14 codes) for pumps, generators and solar systems.',
  challenges:
    'Records for 12 boreholes are held only in the regional offices; travel to some sites needs a security escort, which takes a week to arrange. Power cuts at the ministry limit work on the shared computer to the mornings.',
  recommendations:
    'Name one focal point in the rural water unit who owns the maintenance records. Ask the regional offices to send copies of their borehole files to Mogadishu every quarter.',
  sustainability:
    'The fault code list and record forms are kept in the ministry’s shared folder, in English and Somali. I have introduced the unit head to a water utility in Rotterdam that runs a peer-exchange programme on asset management; a first call is planned for next month.',
  interns:
    'One intern from the Somali National University (civil engineering) joins the inventory work two days a week and is learning to enter the records.',
};

/** Written over the weeks before the mid-term: some sections still empty. */
export const DEMO_MIDTERM_EXPERT1: ReportSections = {
  summary:
    'Half-way through the assignment the maintenance schedule is drafted and the water-quality unit runs field tests on its own. The tariff guideline has an outline; consultation with the regional utilities started with a workshop on non-revenue water.',
  objectives: [
    {
      objective: 'Set up a preventive maintenance schedule for the ministry’s 40 rural boreholes.',
      progress: 'in_progress',
      evidence:
        'Preventive maintenance checklist drafted with the rural water unit; nine technicians trained on pump fault diagnosis.',
    },
    {
      objective: 'Train the water-quality unit in field testing and reporting of results.',
      progress: 'achieved',
      evidence: 'Eleven staff trained; the unit now sends weekly test results to the directorate.',
    },
    {
      objective: 'Draft a tariff-setting guideline with the regional water utilities.',
      progress: 'in_progress',
      evidence: '',
    },
  ],
  ktNarrative:
    'Trainings on pump fault diagnosis (9 technicians) and field water-quality testing (11 staff). Field visits to Beledweyne and Baidoa with ministry engineers, where they led the inspections and I coached. Workshop with the regional utilities on non-revenue water and metering (18 participants).',
  outputs: '',
  challenges:
    'Two generators near Beledweyne need spare parts that are not available locally; procurement has the list.',
  recommendations: '',
  sustainability: '',
  interns: '',
};

export const DEMO_INCEPTION_EXPERT2: ReportSections = {
  summary:
    'NITDA asked for three things: a review of its data-protection compliance process against the Nigeria Data Protection Act 2023, mentoring of the e-government team in agile delivery, and a cloud-hosting readiness assessment for federal ministries. The first two weeks were spent with the legal team and the e-government team to agree how the work is split between on-site weeks in Abuja and remote weeks.',
  objectives: [
    {
      objective: 'Review the agency’s data-protection compliance process against the NDPA 2023.',
      progress: 'in_progress',
      evidence:
        'Current compliance workflow mapped with the legal team; 6 gaps against the Act identified, in the first draft of the review.',
    },
    {
      objective: 'Mentor the e-government team in agile delivery of citizen services.',
      progress: 'in_progress',
      evidence:
        'Two-week sprints introduced for the business-registration portal; first sprint planning and review held with 8 team members.',
    },
    {
      objective: 'Produce a cloud-hosting readiness assessment for federal ministries.',
      progress: 'not_started',
      evidence: 'Questionnaire outline agreed with the director; fieldwork starts in the second month.',
    },
  ],
  ktNarrative:
    'Working sessions with the legal team (5 people) on the compliance workflow. Agile coaching for the e-government team: backlog, sprint planning, daily stand-up, review. Remote follow-up calls twice a week during the weeks I am in London.',
  outputs:
    'Map of the compliance workflow with the gaps against the NDPA 2023. Sprint board and definition of done for the business-registration portal.',
  challenges:
    'The team’s time is shared with urgent ministerial requests, so sprint goals slip. Internet access at the agency is unreliable in the afternoons, which makes the remote calls difficult.',
  recommendations:
    'Protect the e-government team’s sprint time with the director’s backing. Nominate a data-protection officer as the NDPA requires.',
  sustainability:
    'The compliance workflow and the sprint routine are documented on the agency’s intranet. A contact with the Dutch Data Protection Authority’s international desk has been offered for questions on the GDPR experience.',
  interns: 'No interns are involved yet; the agency plans to assign two graduate trainees in the next month.',
};

export const DEMO_ENDORSEMENT_EXPERT1 =
  'The work plan is the one we agreed, and the unit is already using the record forms. Endorsed.';
