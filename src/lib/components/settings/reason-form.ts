// The reason-code form's values as typed and the reason_code.upserted data they make. Field names
// are the data's paths ("labels.zh-CN"), so an issue finds its field by path.
import { text } from '../form-values.ts';
import type { ReasonCodeRow } from '$server/shared/reason-codes.ts';

export interface ReasonFormValues {
	list: string;
	code: string;
	labels: { 'zh-CN': string; en: string };
	active: boolean;
}

/** A stored code as the settings page lists it. */
export type { ReasonCodeRow };

export const blankReasonValues = (list = ''): ReasonFormValues => ({ list, code: '', labels: { 'zh-CN': '', en: '' }, active: true });

export const reasonValues = (r: ReasonCodeRow): ReasonFormValues => ({
	list: r.list,
	code: r.code,
	labels: { 'zh-CN': r.labelZh, en: r.labelEn },
	active: r.active
});

export function readReasonForm(form: FormData): ReasonFormValues {
	return {
		list: text(form, 'list'),
		code: text(form, 'code'),
		labels: { 'zh-CN': text(form, 'labels.zh-CN'), en: text(form, 'labels.en') },
		// A checkbox is sent only when ticked: unticked is a definite "retired", not "not given".
		active: form.has('active')
	};
}

export const reasonData = (v: ReasonFormValues) => ({ list: v.list, code: v.code, labels: { ...v.labels }, active: v.active });

export const REASON_FIELDS = ['list', 'code', 'labels.zh-CN', 'labels.en', 'active'];
