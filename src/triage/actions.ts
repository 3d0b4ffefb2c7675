/** Every action the triage and emergency flows may name with `do:`. */
import type { Action } from '../engine/services';
import type { HelplineDirectory } from '../helplines/directory';
import { confirmStatedAction, detectRedFlagAction, listAction, readConditionsAction, readSymptomsAction, startAction, unsureSymptomsAction } from './answer-actions';
import { assessAction, checkAction, redFlagAction } from './assess-actions';
import { emergencyAdviceAction } from './emergency-advice';
import { addFirstSymptomsAction, forgetFirstMessageAction, noteFirstSymptomsAction, sayFirstSymptomsAction } from './first-message';
import { lateFeverAskedAction, noticeSymptomsAction } from './later-symptoms';
import type { Triage } from './triage';

export function triageActions(triage: Triage, helplines: HelplineDirectory): Array<[string, Action]> {
  return [
    ['triage.start', startAction(triage)],
    ['triage.list', listAction(triage)],
    ['triage.read_symptoms', readSymptomsAction(triage)],
    ['triage.symptoms_unsure', unsureSymptomsAction()],
    ['triage.confirm_stated', confirmStatedAction()],
    ['triage.notice_symptoms', noticeSymptomsAction(triage)],
    ['triage.late_fever_asked', lateFeverAskedAction()],
    ['triage.read_conditions', readConditionsAction(triage)],
    ['triage.check', checkAction(triage)],
    ['triage.assess', assessAction(triage)],
    ['triage.red_flag', redFlagAction(triage)],
    ['triage.detect_red_flag', detectRedFlagAction(triage)],
    ['triage.note_first_symptoms', noteFirstSymptomsAction(triage)],
    ['triage.add_first_symptoms', addFirstSymptomsAction(triage)],
    ['triage.say_first_symptoms', sayFirstSymptomsAction()],
    ['triage.forget_first_message', forgetFirstMessageAction()],
    ['emergency.advise', emergencyAdviceAction(helplines, triage.config)],
  ];
}
