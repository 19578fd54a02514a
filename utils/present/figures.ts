import type { MessageKey } from '../i18n';

/**
 * The founding texts' figures, exactly as docs/reference-figures.md gives them,
 * each with the message key of its source so the slide always shows it. Shares
 * are 0..1; `approx` marks the study's own "about x %" figures.
 */
export interface SourcedFigure {
  share: number;
  /** What the figure counts, e.g. "answer an SMS within a minute". */
  label: MessageKey;
  approx?: boolean;
}

/** One of the Observatoire's "logics" of customer behaviour: a headline share and its supporting figures. */
export interface BehaviourLogic {
  id: 'immediacy' | 'anonymity' | 'dependency' | 'sharing';
  title: MessageKey;
  headline: SourcedFigure;
  details: SourcedFigure[];
}

/**
 * Observatoire des usages du numérique (AFRC with Orange Business Services; study by
 * Colorado Conseil/Nexstage, methodology directed by D. Desjeux; results April 2013), France.
 */
export const OBSERVATOIRE_SOURCE: MessageKey = 'present_src_observatoire';

export const OBSERVATOIRE_2013: readonly BehaviourLogic[] = [
  {
    id: 'immediacy',
    title: 'present_obs_immediacy',
    headline: { share: 0.4, label: 'present_obs_immediacy_share', approx: true },
    details: [
      { share: 0.48, label: 'present_obs_sms_minute' },
      { share: 0.28, label: 'present_obs_expect_minute' },
    ],
  },
  {
    id: 'anonymity',
    title: 'present_obs_anonymity',
    headline: { share: 0.6, label: 'present_obs_anonymity_share', approx: true },
    details: [
      { share: 0.46, label: 'present_obs_throwaway_email' },
      { share: 0.38, label: 'present_obs_block_data' },
    ],
  },
  {
    id: 'dependency',
    title: 'present_obs_dependency',
    headline: { share: 0.55, label: 'present_obs_dependency_share', approx: true },
    details: [
      { share: 0.51, label: 'present_obs_turn_back' },
      { share: 0.91, label: 'present_obs_holiday_mobile' },
    ],
  },
  {
    id: 'sharing',
    title: 'present_obs_sharing',
    headline: { share: 0.27, label: 'present_obs_sharing_share' },
    details: [
      { share: 0.58, label: 'present_obs_forums_visit' },
      { share: 0.17, label: 'present_obs_forums_contribute' },
    ],
  },
];

/**
 * The founding complaint (blog essay "Allons-nous vivre une nouvelle fracture
 * numérique ?", late 2000s): what customers do, what work allows, and why.
 * Words only, no figure; the slide names its source all the same.
 */
export const COMPLAINT = {
  source: 'present_src_complaint',
  customers: ['present_cx_calls', 'present_cx_im', 'present_cx_video', 'present_cx_social', 'present_cx_forums'],
  work: ['present_work_bandwidth', 'present_work_video', 'present_work_im', 'present_work_filtered'],
  reasons: 'present_work_reasons',
  risk: 'present_complaint_risk',
} as const satisfies Record<string, MessageKey | readonly MessageKey[]>;
