// The thirty finished products of the demo plant in eight families, with their semi-finished parts,
// materials, bills of material (up to four levels: product → sub-assembly → machined part → casting)
// and routings. Families are written by hand; each variant fills in its sizes and the small
// differences between variants (costs, run minutes) come from the seeded random numbers.
import type { BomRef, PartList } from './parts.ts';

type Tag = { zh: string; en: string };
const named = (zh: string, en: string, tag: Tag) => ({ zh: `${zh} ${tag.zh}`, en: `${en}, ${tag.en}` });

/** Parts many products share: seals, fasteners, steel, consumables, packaging, bearings. */
export function sharedParts(p: PartList): void {
	const seal = (id: string, zh: string, en: string, cost: number) => p.buy({ id, zh, en, category: 'SEAL', uom: 'pcs', cost, suppliers: ['S07'] });
	for (const [d, c] of [[38, 1.2], [42, 1.3], [54, 1.6], [57, 1.7]] as const) {
		seal(`M-SEAL-${d}`, `活塞矩形密封圈 Ø${d}`, `Piston square seal Ø${d}`, c);
		seal(`M-BOOT-${d}`, `活塞防尘罩 Ø${d}`, `Piston dust boot Ø${d}`, c * 1.7);
	}
	seal('M-ORING-WP', '水泵O形圈', 'Water pump O-ring', 0.4);
	seal('M-MSEAL-16', '水泵机械密封 Ø16', 'Water pump mechanical seal Ø16', 6.5);
	seal('M-MSEAL-19', '水泵机械密封 Ø19', 'Water pump mechanical seal Ø19', 7.2);
	seal('M-SEALKIT-20', '主缸密封件组 Ø20.64', 'Master cylinder seal kit Ø20.64', 9.8);
	seal('M-SEALKIT-23', '主缸密封件组 Ø23.81', 'Master cylinder seal kit Ø23.81', 11.2);
	seal('M-BUSH-A', '控制臂橡胶衬套 A', 'Control arm rubber bushing A', 6.8);
	seal('M-BUSH-B', '控制臂液压衬套 B', 'Control arm hydraulic bushing B', 7.5);
	seal('M-GASKET-A', '水泵密封垫 A', 'Water pump gasket A', 1.1);
	seal('M-GASKET-B', '水泵密封垫 B', 'Water pump gasket B', 1.3);

	const fastener = (id: string, zh: string, en: string, cost: number) => p.buy({ id, zh, en, category: 'FASTENER', uom: 'pcs', cost, suppliers: ['S08'] });
	fastener('M-BOLT-M8', '六角法兰螺栓 M8×25', 'Hex flange bolt M8×25', 0.18);
	fastener('M-BOLT-M10', '六角法兰螺栓 M10×30', 'Hex flange bolt M10×30', 0.32);
	fastener('M-BOLT-M12', '钳体安装螺栓 M12×1.5×40', 'Caliper mounting bolt M12×1.5×40', 0.55);
	fastener('M-SCREW-M6', '内六角螺钉 M6×20', 'Socket head screw M6×20', 0.08);
	fastener('M-WASHER-10', '平垫圈 Ø10', 'Flat washer Ø10', 0.03);
	fastener('M-NUT-M14', '轮毂锁紧螺母 M14×1.5', 'Hub lock nut M14×1.5', 0.62);
	fastener('M-NUT-BJ', '球头开槽螺母 M12', 'Ball joint castle nut M12', 0.45);
	fastener('M-PIN-F', '前钳导向销', 'Front caliper guide pin', 2.4);
	fastener('M-PIN-R', '后钳导向销', 'Rear caliper guide pin', 2.1);
	fastener('M-BLEED', '放气螺钉', 'Bleeder screw', 0.9);
	fastener('M-BLEED-CAP', '放气螺钉防尘帽', 'Bleeder screw cap', 0.05);
	fastener('M-CLIP-BC', '制动钳防震簧片', 'Caliper anti-rattle clip', 0.6);
	fastener('M-STUD-HU', '轮毂螺栓 M12×1.5', 'Wheel stud M12×1.5', 0.85);
	fastener('M-SCREW-BD', '制动盘定位螺钉', 'Brake disc retaining screw', 0.12);
	fastener('M-CIRCLIP', '孔用卡簧', 'Internal circlip', 0.12);
	fastener('M-SPRING-MC', '主缸回位弹簧', 'Master cylinder return spring', 0.35);
	fastener('M-SPRING-RV', '限压阀弹簧', 'Relief valve spring', 0.4);

	const steel = (id: string, zh: string, en: string, cost: number) => p.buy({ id, zh, en, category: 'STEEL', uom: 'kg', cost, suppliers: ['S05'] });
	steel('M-BAR-40CR', '40Cr 圆钢 Ø30', '40Cr steel bar Ø30', 6.8);
	steel('M-BAR-45', '45# 圆钢 Ø25', 'C45 steel bar Ø25', 5.2);
	steel('M-SHEET-Q235', 'Q235 冷轧钢板 2.0mm', 'Q235 cold-rolled sheet 2.0 mm', 4.6);
	steel('M-SHEET-SAPH', 'SAPH440 热轧酸洗板 4.0mm', 'SAPH440 hot-rolled pickled sheet 4.0 mm', 5.4);
	steel('M-WIRE-ER50', 'ER50-6 气保焊丝 Ø1.2', 'ER50-6 MIG welding wire Ø1.2', 9.5);

	const bulk = (id: string, zh: string, en: string, uom: string, cost: number) => p.buy({ id, zh, en, category: 'CONSUMABLE', uom, cost, suppliers: ['S09'], bulk: true });
	bulk('M-PAINT-EP', '水性环氧电泳漆', 'Waterborne epoxy e-coat paint', 'kg', 38);
	bulk('M-PAINT-BK', '黑色丙烯酸面漆', 'Black acrylic topcoat', 'kg', 32);
	bulk('M-OIL-AR', '防锈油', 'Anti-rust oil', 'L', 16);
	bulk('M-GREASE', '硅基润滑脂', 'Silicone grease', 'kg', 42);

	const pack = (id: string, zh: string, en: string, cost: number) => p.buy({ id, zh, en, category: 'PACKAGING', uom: 'pcs', cost, suppliers: ['S10'] });
	pack('M-CTN-S', '瓦楞纸箱 小号', 'Corrugated carton, small', 2.2);
	pack('M-CTN-M', '瓦楞纸箱 中号', 'Corrugated carton, medium', 3.1);
	pack('M-CTN-L', '瓦楞纸箱 大号', 'Corrugated carton, large', 4.5);
	pack('M-TRAY-BD', '制动盘纸托', 'Brake disc paper tray', 1.2);
	pack('M-BAG-VCI', 'VCI 防锈袋', 'VCI anti-corrosion bag', 0.6);
	pack('M-PALLET', '免熏蒸木托盘', 'Heat-treated wooden pallet', 45);
	pack('M-LABEL', '产品追溯标签', 'Traceability label', 0.05);

	const bearing = (id: string, zh: string, en: string, cost: number) => p.buy({ id, zh, en, category: 'BEARING', uom: 'pcs', cost, suppliers: ['S06'] });
	bearing('M-BRG-WP16', '水泵轴连轴承 Ø16', 'Water pump shaft bearing Ø16', 18);
	bearing('M-BRG-WP19', '水泵轴连轴承 Ø19', 'Water pump shaft bearing Ø19', 22);
	bearing('M-BRG-HU1', '轮毂轴承 DAC38', 'Hub bearing DAC38', 58);
	bearing('M-BRG-HU2', '轮毂轴承 DAC40', 'Hub bearing DAC40', 52);
	bearing('M-BRG-HU3', '轮毂轴承 DAC45', 'Hub bearing DAC45', 76);
	bearing('M-BALLJ-A', '控制臂球头 A', 'Control arm ball joint A', 32);
	bearing('M-BALLJ-B', '控制臂球头 B', 'Control arm ball joint B', 36);

	p.buy({ id: 'M-DUSTCAP-HU', zh: '轮毂防尘盖', en: 'Hub dust cap', category: 'SEAL', uom: 'pcs', cost: 1.4, suppliers: ['S07'] });
	p.buy({ id: 'M-RES-20', zh: '主缸储液罐 Ø20.64', en: 'Master cylinder reservoir Ø20.64', category: 'PLASTIC', uom: 'pcs', cost: 8.5, suppliers: ['S12'] });
	p.buy({ id: 'M-RES-23', zh: '主缸储液罐 Ø23.81', en: 'Master cylinder reservoir Ø23.81', category: 'PLASTIC', uom: 'pcs', cost: 9.2, suppliers: ['S12'] });
	p.buy({ id: 'M-EPB-ACT', zh: '电子驻车执行器', en: 'Electric parking brake actuator', category: 'ELECTRONIC', uom: 'pcs', cost: 185, suppliers: ['S13'] });
	p.buy({ id: 'M-ABS-RING', zh: 'ABS 磁性编码齿圈', en: 'ABS magnetic encoder ring', category: 'ELECTRONIC', uom: 'pcs', cost: 6.5, suppliers: ['S13'] });
}

// ---- brake calipers: product → body sub-assembly → machined housing → housing casting ----

interface Caliper {
	id: string;
	tag: Tag;
	zh: string;
	en: string;
	app: Tag;
	bore: 38 | 42 | 54 | 57;
	pistons: 1 | 2;
	rear: boolean;
	epb?: boolean;
	housing: number;
	pads: number;
}

const CALIPERS: Caliper[] = [
	{ id: 'BC-101', tag: { zh: '前Ø54', en: 'front Ø54' }, zh: '前制动钳总成 Ø54', en: 'Front brake caliper Ø54', app: { zh: 'A级轿车 1.5L', en: 'Compact sedan 1.5 L' }, bore: 54, pistons: 1, rear: false, housing: 52, pads: 38 },
	{ id: 'BC-102', tag: { zh: '前Ø57', en: 'front Ø57' }, zh: '前制动钳总成 Ø57', en: 'Front brake caliper Ø57', app: { zh: 'B级轿车 2.0T', en: 'Mid-size sedan 2.0 T' }, bore: 57, pistons: 1, rear: false, housing: 58, pads: 44 },
	{ id: 'BC-103', tag: { zh: '前双活塞', en: 'front twin-piston' }, zh: '前制动钳总成 双活塞 Ø42', en: 'Front brake caliper, twin piston Ø42', app: { zh: '中大型SUV', en: 'Large SUV' }, bore: 42, pistons: 2, rear: false, housing: 76, pads: 58 },
	{ id: 'BC-104', tag: { zh: '后Ø38', en: 'rear Ø38' }, zh: '后制动钳总成 Ø38', en: 'Rear brake caliper Ø38', app: { zh: 'A级轿车', en: 'Compact sedan' }, bore: 38, pistons: 1, rear: true, housing: 41, pads: 30 },
	{ id: 'BC-105', tag: { zh: '后EPB', en: 'rear EPB' }, zh: '后制动钳总成 Ø38 带电子驻车', en: 'Rear brake caliper Ø38 with EPB', app: { zh: 'B级轿车 新能源', en: 'Mid-size EV sedan' }, bore: 38, pistons: 1, rear: true, epb: true, housing: 49, pads: 32 },
	{ id: 'BC-106', tag: { zh: '后Ø42', en: 'rear Ø42' }, zh: '后制动钳总成 Ø42', en: 'Rear brake caliper Ø42', app: { zh: '紧凑型SUV', en: 'Compact SUV' }, bore: 42, pistons: 1, rear: true, housing: 45, pads: 34 }
];

export function calipers(p: PartList): void {
	for (const c of CALIPERS) {
		const n = (zh: string, en: string) => named(zh, en, c.tag);
		const housingCasting = p.buy({ id: `${c.id}-HC`, ...n('钳体铸件', 'Caliper housing casting'), category: 'CASTING', uom: 'pcs', cost: p.vary(c.housing, 0.05), suppliers: c.rear ? ['S01'] : ['S01', 'S14'] });
		const bracketCasting = p.buy({ id: `${c.id}-BK`, ...n('支架铸件', 'Bracket casting'), category: 'CASTING', uom: 'pcs', cost: p.vary(c.housing * 0.38, 0.05), suppliers: ['S01'] });
		const pads = p.buy({ id: `${c.id}-PD`, ...n('刹车片组', 'Brake pad set'), category: 'FRICTION', uom: 'set', cost: p.vary(c.pads, 0.04), suppliers: ['S11'] });
		const shim = p.buy({ id: `${c.id}-SH`, ...n('消音片', 'Anti-squeal shim'), category: 'FRICTION', uom: 'set', cost: p.vary(3.2, 0.1), suppliers: ['S11'] });
		const housing = p.make({
			id: `${c.id}-HM`,
			...n('钳体机加件', 'Machined caliper housing'),
			kind: 'semi',
			category: 'COMPONENT',
			uom: 'pcs',
			leadTimeDays: 3,
			ops: [
				['CNC-M', 20, c.pistons === 2 ? 1.5 : 1.1, '铣安装面、镗活塞孔'],
				['DRILL', 10, 0.45, '钻油道、攻丝'],
				['PAINT', 15, 0.18, '电泳涂装']
			],
			bom: [[housingCasting, 1, 1.5], ['M-PAINT-EP', 0.06]]
		});
		const piston = p.make({
			id: `${c.id}-PM`,
			...n('活塞', 'Piston'),
			kind: 'semi',
			category: 'COMPONENT',
			uom: 'pcs',
			leadTimeDays: 3,
			ops: [
				['CNC-L', 15, 0.5, '车外圆、车内腔'],
				['HEAT', 30, 0.6, '渗氮'],
				['GRIND', 10, 0.4, '无心磨外圆']
			],
			bom: [['M-BAR-40CR', c.bore / 150, 2]]
		});
		const body = p.make({
			id: `${c.id}-SA`,
			...n('钳体分总成', 'Caliper body sub-assembly'),
			kind: 'semi',
			category: 'SUBASSY',
			uom: 'pcs',
			leadTimeDays: 1,
			ops: [['ASSY-1', 10, 0.45, '压装活塞、密封圈、防尘罩']],
			bom: [
				[housing, 1],
				[piston, c.pistons],
				[`M-SEAL-${c.bore}`, c.pistons],
				[`M-BOOT-${c.bore}`, c.pistons],
				['M-BLEED', 1],
				['M-BLEED-CAP', 1],
				['M-GREASE', 0.008]
			]
		});
		const bracket = p.make({
			id: `${c.id}-BM`,
			...n('支架机加件', 'Machined caliper bracket'),
			kind: 'semi',
			category: 'COMPONENT',
			uom: 'pcs',
			leadTimeDays: 2,
			ops: [
				['CNC-M', 15, 0.6, '铣导向面'],
				['DRILL', 10, 0.3, '钻导向销孔、攻丝']
			],
			bom: [[bracketCasting, 1, 1]]
		});
		p.make({
			id: c.id,
			zh: c.zh,
			en: c.en,
			kind: 'product',
			category: 'FG',
			uom: 'pcs',
			leadTimeDays: 2,
			application: c.app,
			ops: [
				['ASSY-1', 10, 0.55, '总成装配'],
				['TEST', 5, 0.35, '气密性试验、终检']
			],
			bom: [
				[body, 1],
				[bracket, 1],
				[pads, 1],
				[shim, 1],
				[c.rear ? 'M-PIN-R' : 'M-PIN-F', 2],
				['M-BOLT-M12', 2],
				['M-CLIP-BC', 2],
				...(c.epb ? [['M-EPB-ACT', 1] as BomRef] : []),
				['M-CTN-M', 1],
				['M-LABEL', 1]
			]
		});
	}
}

// ---- brake discs: product → rough-turned disc → disc casting ----

const DISCS: { id: string; d: number; vented: boolean; app: Tag; casting: number }[] = [
	{ id: 'BD-201', d: 280, vented: true, app: { zh: 'A级轿车', en: 'Compact sedan' }, casting: 58 },
	{ id: 'BD-202', d: 300, vented: true, app: { zh: 'B级轿车', en: 'Mid-size sedan' }, casting: 66 },
	{ id: 'BD-203', d: 262, vented: false, app: { zh: 'A级轿车 后轮', en: 'Compact sedan, rear' }, casting: 38 },
	{ id: 'BD-204', d: 320, vented: true, app: { zh: '中大型SUV', en: 'Large SUV' }, casting: 84 }
];

export function discs(p: PartList): void {
	for (const d of DISCS) {
		const tag = { zh: `Ø${d.d}`, en: `Ø${d.d}` };
		const kindZh = d.vented ? '通风制动盘' : '实心制动盘';
		const kindEn = d.vented ? 'Vented brake disc' : 'Solid brake disc';
		const casting = p.buy({ id: `${d.id}-DC`, ...named('制动盘铸件', 'Brake disc casting', tag), category: 'CASTING', uom: 'pcs', cost: p.vary(d.casting, 0.05), suppliers: ['S02', 'S14'] });
		const rough = p.make({
			id: `${d.id}-DT`,
			...named('制动盘粗车件', 'Rough-turned brake disc', tag),
			kind: 'semi',
			category: 'COMPONENT',
			uom: 'pcs',
			leadTimeDays: 2,
			ops: [['CNC-L', 10, 0.7, '粗车两端面及内孔']],
			bom: [[casting, 1, 2]]
		});
		p.make({
			id: d.id,
			zh: `${kindZh} Ø${d.d}`,
			en: `${kindEn} Ø${d.d}`,
			kind: 'product',
			category: 'FG',
			uom: 'pcs',
			leadTimeDays: 2,
			application: d.app,
			ops: [
				['CNC-L', 15, 0.9, '精车摩擦面'],
				['DRILL', 10, 0.3, '钻安装孔'],
				['PAINT', 10, 0.12, '非摩擦面防锈涂装'],
				['TEST', 5, 0.3, '动平衡、跳动检测']
			],
			bom: [
				[rough, 1, 0.5],
				['M-SCREW-BD', 1],
				['M-OIL-AR', 0.02],
				['M-TRAY-BD', 1],
				['M-CTN-L', 0.5],
				['M-LABEL', 1]
			]
		});
	}
}

// ---- water pumps: product → body sub-assembly → machined body → body casting ----

const PUMPS: { id: string; tag: Tag; app: Tag; shaft: 16 | 19; casting: number; gasket: 'A' | 'B' }[] = [
	{ id: 'WP-301', tag: { zh: '1.5L', en: '1.5 L' }, app: { zh: '1.5L 自然吸气发动机', en: '1.5 L naturally aspirated engine' }, shaft: 16, casting: 36, gasket: 'A' },
	{ id: 'WP-302', tag: { zh: '1.5T', en: '1.5 T' }, app: { zh: '1.5T 涡轮增压发动机', en: '1.5 T turbo engine' }, shaft: 16, casting: 40, gasket: 'A' },
	{ id: 'WP-303', tag: { zh: '2.0T', en: '2.0 T' }, app: { zh: '2.0T 涡轮增压发动机', en: '2.0 T turbo engine' }, shaft: 19, casting: 46, gasket: 'B' },
	{ id: 'WP-304', tag: { zh: '2.5L 柴油', en: '2.5 L diesel' }, app: { zh: '2.5L 柴油发动机(轻卡)', en: '2.5 L diesel engine (light truck)' }, shaft: 19, casting: 52, gasket: 'B' }
];

export function waterPumps(p: PartList): void {
	for (const w of PUMPS) {
		const n = (zh: string, en: string) => named(zh, en, w.tag);
		const casting = p.buy({ id: `${w.id}-BC`, ...n('水泵壳体铸件', 'Water pump body casting'), category: 'CASTING', uom: 'pcs', cost: p.vary(w.casting, 0.05), suppliers: ['S02', 'S14'] });
		const impeller = p.buy({ id: `${w.id}-IMP`, ...n('叶轮', 'Impeller'), category: 'PLASTIC', uom: 'pcs', cost: p.vary(7.5, 0.15), suppliers: ['S12'] });
		const body = p.make({
			id: `${w.id}-BM`,
			...n('水泵壳体机加件', 'Machined water pump body'),
			kind: 'semi',
			category: 'COMPONENT',
			uom: 'pcs',
			leadTimeDays: 3,
			ops: [
				['CNC-M', 20, 0.9, '铣结合面、镗轴承孔'],
				['DRILL', 10, 0.35, '钻安装孔、攻丝']
			],
			bom: [[casting, 1, 2]]
		});
		const pulley = p.make({
			id: `${w.id}-PL`,
			...n('皮带轮', 'Pulley'),
			kind: 'semi',
			category: 'COMPONENT',
			uom: 'pcs',
			leadTimeDays: 2,
			ops: [
				['PRESS', 20, 0.35, '落料、拉伸、旋压'],
				['CNC-L', 10, 0.25, '车内孔']
			],
			bom: [['M-SHEET-Q235', 1.1, 3]]
		});
		const core = p.make({
			id: `${w.id}-BA`,
			...n('水泵壳体分总成', 'Water pump body sub-assembly'),
			kind: 'semi',
			category: 'SUBASSY',
			uom: 'pcs',
			leadTimeDays: 1,
			ops: [['ASSY-2', 10, 0.8, '压装轴承、水封、叶轮']],
			bom: [
				[body, 1],
				[`M-BRG-WP${w.shaft}`, 1],
				[`M-MSEAL-${w.shaft}`, 1],
				[impeller, 1],
				['M-ORING-WP', 1]
			]
		});
		p.make({
			id: w.id,
			zh: `水泵总成 ${w.tag.zh}`,
			en: `Water pump assembly ${w.tag.en}`,
			kind: 'product',
			category: 'FG',
			uom: 'pcs',
			leadTimeDays: 2,
			application: w.app,
			ops: [
				['ASSY-2', 10, 0.6, '压装皮带轮'],
				['TEST', 5, 0.45, '氦检漏、旋转扭矩检测']
			],
			bom: [
				[core, 1],
				[pulley, 1],
				[`M-GASKET-${w.gasket}`, 1],
				['M-BOLT-M8', 4],
				['M-CTN-S', 1],
				['M-LABEL', 1]
			]
		});
	}
}

// ---- steering knuckles: product → machined knuckle → heat-treated forging → forging ----

const KNUCKLES: { id: string; side: 'L' | 'R'; suv: boolean; forging: number }[] = [
	{ id: 'SK-401', side: 'L', suv: false, forging: 112 },
	{ id: 'SK-402', side: 'R', suv: false, forging: 112 },
	{ id: 'SK-403', side: 'L', suv: true, forging: 148 },
	{ id: 'SK-404', side: 'R', suv: true, forging: 148 }
];

export function knuckles(p: PartList): void {
	const shields: Record<string, string> = {};
	for (const suv of [false, true]) {
		const tag = suv ? { zh: 'SUV', en: 'SUV' } : { zh: '轿车', en: 'sedan' };
		shields[String(suv)] = p.make({
			id: suv ? 'SK-DS-B' : 'SK-DS-A',
			...named('转向节防尘板', 'Knuckle dust shield', tag),
			kind: 'semi',
			category: 'COMPONENT',
			uom: 'pcs',
			leadTimeDays: 1,
			ops: [['PRESS', 15, 0.3, '落料、成形、冲孔']],
			bom: [['M-SHEET-Q235', suv ? 0.75 : 0.6, 4]]
		});
	}
	for (const k of KNUCKLES) {
		const tag = { zh: `${k.suv ? 'SUV ' : ''}${k.side === 'L' ? '左' : '右'}`, en: `${k.suv ? 'SUV, ' : ''}${k.side === 'L' ? 'left' : 'right'}` };
		const n = (zh: string, en: string) => named(zh, en, tag);
		const forging = p.buy({ id: `${k.id}-KF`, ...n('转向节锻件', 'Steering knuckle forging'), category: 'FORGING', uom: 'pcs', cost: p.vary(k.forging, 0.04), suppliers: ['S03', 'S04'] });
		const hardened = p.make({
			id: `${k.id}-KH`,
			...n('转向节调质件', 'Quenched and tempered knuckle forging'),
			kind: 'semi',
			category: 'COMPONENT',
			uom: 'pcs',
			leadTimeDays: 2,
			ops: [['HEAT', 30, 2.2, '调质处理']],
			bom: [[forging, 1, 0.5]]
		});
		const machined = p.make({
			id: `${k.id}-KM`,
			...n('转向节机加件', 'Machined steering knuckle'),
			kind: 'semi',
			category: 'COMPONENT',
			uom: 'pcs',
			leadTimeDays: 3,
			ops: [
				['CNC-M', 25, 1.4, '加工轴承孔、减振器安装面'],
				['DRILL', 10, 0.5, '钻制动钳安装孔、攻丝']
			],
			bom: [[hardened, 1, 1]]
		});
		p.make({
			id: k.id,
			zh: `前转向节 ${tag.zh}`,
			en: `Front steering knuckle, ${tag.en}`,
			kind: 'product',
			category: 'FG',
			uom: 'pcs',
			leadTimeDays: 2,
			application: k.suv ? { zh: '紧凑型及中型SUV', en: 'Compact and mid-size SUV' } : { zh: 'A级、B级轿车', en: 'Compact and mid-size sedan' },
			ops: [
				['PAINT', 10, 0.2, '非加工面喷漆'],
				['TEST', 5, 0.3, '三坐标抽检、磁粉探伤']
			],
			bom: [
				[machined, 1],
				[shields[String(k.suv)], 1],
				['M-BOLT-M10', 3],
				['M-WASHER-10', 3],
				['M-PAINT-BK', 0.05],
				['M-BAG-VCI', 1],
				['M-PALLET', 0.025],
				['M-LABEL', 1]
			]
		});
	}
}

// ---- control arms: product → welded arm → upper and lower stampings → sheet ----

const ARMS: { id: string; zh: string; en: string; joint: 'A' | 'B' | null; bushing: 'A' | 'B'; sheet: number }[] = [
	{ id: 'CA-501', zh: '前下控制臂 左', en: 'Front lower control arm, left', joint: 'A', bushing: 'A', sheet: 1.8 },
	{ id: 'CA-502', zh: '前下控制臂 右', en: 'Front lower control arm, right', joint: 'A', bushing: 'A', sheet: 1.8 },
	{ id: 'CA-503', zh: '后上控制臂', en: 'Rear upper control arm', joint: 'B', bushing: 'B', sheet: 1.2 },
	{ id: 'CA-504', zh: '后下控制臂', en: 'Rear lower control arm', joint: null, bushing: 'B', sheet: 1.5 }
];

export function controlArms(p: PartList): void {
	for (const a of ARMS) {
		const tag = { zh: a.id, en: a.id };
		const n = (zh: string, en: string) => named(zh, en, tag);
		const upper = p.make({
			id: `${a.id}-UP`,
			...n('控制臂上片', 'Control arm upper stamping'),
			kind: 'semi',
			category: 'COMPONENT',
			uom: 'pcs',
			leadTimeDays: 1,
			ops: [['PRESS', 20, 0.25, '落料、成形、冲孔、翻边']],
			bom: [['M-SHEET-SAPH', a.sheet, 5]]
		});
		const lower = p.make({
			id: `${a.id}-LP`,
			...n('控制臂下片', 'Control arm lower stamping'),
			kind: 'semi',
			category: 'COMPONENT',
			uom: 'pcs',
			leadTimeDays: 1,
			ops: [['PRESS', 20, 0.25, '落料、成形、冲孔、翻边']],
			bom: [['M-SHEET-SAPH', a.sheet * 0.9, 5]]
		});
		const welded = p.make({
			id: `${a.id}-AW`,
			...n('控制臂焊接总成', 'Welded control arm'),
			kind: 'semi',
			category: 'COMPONENT',
			uom: 'pcs',
			leadTimeDays: 2,
			ops: [['WELD', 15, 1.5, '机器人弧焊']],
			bom: [
				[upper, 1],
				[lower, 1],
				['M-WIRE-ER50', 0.08]
			]
		});
		p.make({
			id: a.id,
			zh: a.zh,
			en: a.en,
			kind: 'product',
			category: 'FG',
			uom: 'pcs',
			leadTimeDays: 2,
			application: { zh: 'A级、B级轿车', en: 'Compact and mid-size sedan' },
			ops: [
				['PAINT', 10, 0.25, '电泳涂装'],
				['ASSY-1', 10, 0.4, '压装衬套、球头']
			],
			bom: [
				[welded, 1],
				...(a.joint ? [[`M-BALLJ-${a.joint}`, 1] as BomRef, ['M-NUT-BJ', 1] as BomRef] : []),
				[`M-BUSH-${a.bushing}`, 2],
				['M-PAINT-EP', 0.12],
				['M-PALLET', 0.02],
				['M-LABEL', 1]
			]
		});
	}
}

// ---- wheel hub units: product → machined flange → hub forging ----

const HUBS: { id: string; zh: string; en: string; bearing: 1 | 2 | 3; studs: 4 | 5; forging: number; app: Tag }[] = [
	{ id: 'HU-601', zh: '前轮毂轴承单元', en: 'Front wheel hub bearing unit', bearing: 1, studs: 4, forging: 68, app: { zh: 'A级轿车', en: 'Compact sedan' } },
	{ id: 'HU-602', zh: '后轮毂单元', en: 'Rear wheel hub unit', bearing: 2, studs: 4, forging: 62, app: { zh: 'A级轿车', en: 'Compact sedan' } },
	{ id: 'HU-603', zh: '前轮毂轴承单元 SUV', en: 'Front wheel hub bearing unit, SUV', bearing: 3, studs: 5, forging: 88, app: { zh: '紧凑型SUV', en: 'Compact SUV' } },
	{ id: 'HU-604', zh: '后轮毂单元 SUV', en: 'Rear wheel hub unit, SUV', bearing: 2, studs: 5, forging: 79, app: { zh: '紧凑型SUV', en: 'Compact SUV' } }
];

export function hubs(p: PartList): void {
	for (const h of HUBS) {
		const tag = { zh: h.id, en: h.id };
		const forging = p.buy({ id: `${h.id}-HG`, ...named('轮毂法兰锻件', 'Hub flange forging', tag), category: 'FORGING', uom: 'pcs', cost: p.vary(h.forging, 0.04), suppliers: ['S03', 'S04'] });
		const flange = p.make({
			id: `${h.id}-HF`,
			...named('轮毂法兰机加件', 'Machined hub flange', tag),
			kind: 'semi',
			category: 'COMPONENT',
			uom: 'pcs',
			leadTimeDays: 3,
			ops: [
				['CNC-L', 15, 0.8, '车法兰面、轴颈'],
				['DRILL', 10, 0.3, '钻螺栓孔'],
				['HEAT', 20, 1.1, '轴颈中频淬火'],
				['GRIND', 10, 0.5, '磨轴承滚道']
			],
			bom: [[forging, 1, 1]]
		});
		p.make({
			id: h.id,
			zh: h.zh,
			en: h.en,
			kind: 'product',
			category: 'FG',
			uom: 'pcs',
			leadTimeDays: 2,
			application: h.app,
			ops: [
				['ASSY-1', 10, 0.5, '压装轴承、轮毂螺栓、旋铆'],
				['TEST', 5, 0.3, '游隙、ABS 信号检测']
			],
			bom: [
				[flange, 1],
				[`M-BRG-HU${h.bearing}`, 1],
				['M-ABS-RING', 1],
				['M-STUD-HU', h.studs],
				['M-NUT-M14', 1],
				['M-DUSTCAP-HU', 1],
				['M-GREASE', 0.02],
				['M-CTN-M', 1],
				['M-LABEL', 1]
			]
		});
	}
}

// ---- oil pumps: product → machined housing, rotor set, machined cover → castings, sintered blank ----

export function oilPumps(p: PartList): void {
	for (const o of [
		{ id: 'OP-701', tag: { zh: '1.5T', en: '1.5 T' }, casting: 42 },
		{ id: 'OP-702', tag: { zh: '2.0T', en: '2.0 T' }, casting: 48 }
	]) {
		const n = (zh: string, en: string) => named(zh, en, o.tag);
		const housingCasting = p.buy({ id: `${o.id}-OC`, ...n('机油泵壳体铸件', 'Oil pump housing casting'), category: 'CASTING', uom: 'pcs', cost: p.vary(o.casting, 0.05), suppliers: ['S02', 'S14'] });
		const coverCasting = p.buy({ id: `${o.id}-OK`, ...n('机油泵盖铸件', 'Oil pump cover casting'), category: 'CASTING', uom: 'pcs', cost: p.vary(o.casting * 0.35, 0.05), suppliers: ['S02', 'S14'] });
		const blank = p.buy({ id: `${o.id}-RB`, ...n('粉末冶金转子毛坯', 'Sintered rotor blank set'), category: 'SINTERED', uom: 'set', cost: p.vary(22, 0.05), suppliers: ['S15'] });
		const housing = p.make({
			id: `${o.id}-OH`,
			...n('机油泵壳体机加件', 'Machined oil pump housing'),
			kind: 'semi',
			category: 'COMPONENT',
			uom: 'pcs',
			leadTimeDays: 3,
			ops: [
				['CNC-M', 20, 1.0, '铣结合面、镗转子腔'],
				['DRILL', 10, 0.35, '钻油道']
			],
			bom: [[housingCasting, 1, 2]]
		});
		const rotors = p.make({
			id: `${o.id}-RS`,
			...n('转子组', 'Rotor set'),
			kind: 'semi',
			category: 'COMPONENT',
			uom: 'set',
			leadTimeDays: 2,
			ops: [['GRIND', 15, 0.5, '双端面磨']],
			bom: [[blank, 1, 1]]
		});
		const cover = p.make({
			id: `${o.id}-OV`,
			...n('机油泵盖机加件', 'Machined oil pump cover'),
			kind: 'semi',
			category: 'COMPONENT',
			uom: 'pcs',
			leadTimeDays: 2,
			ops: [['CNC-M', 15, 0.45, '铣结合面、钻孔']],
			bom: [[coverCasting, 1, 2]]
		});
		p.make({
			id: o.id,
			zh: `机油泵总成 ${o.tag.zh}`,
			en: `Oil pump assembly ${o.tag.en}`,
			kind: 'product',
			category: 'FG',
			uom: 'pcs',
			leadTimeDays: 2,
			application: { zh: `${o.tag.zh} 涡轮增压发动机`, en: `${o.tag.en} turbo engine` },
			ops: [
				['ASSY-2', 10, 0.8, '装配转子、限压阀、泵盖'],
				['TEST', 5, 0.4, '流量压力测试']
			],
			bom: [
				[housing, 1],
				[rotors, 1],
				[cover, 1],
				['M-SPRING-RV', 1],
				['M-SCREW-M6', 5],
				['M-CTN-S', 1],
				['M-LABEL', 1]
			]
		});
	}
}

// ---- brake master cylinders: product → machined body → body casting; pistons from bar ----

export function masterCylinders(p: PartList): void {
	for (const m of [
		{ id: 'MC-801', bore: '20.64', kit: 20, casting: 34 },
		{ id: 'MC-802', bore: '23.81', kit: 23, casting: 39 }
	]) {
		const tag = { zh: `Ø${m.bore}`, en: `Ø${m.bore}` };
		const n = (zh: string, en: string) => named(zh, en, tag);
		const casting = p.buy({ id: `${m.id}-CC`, ...n('主缸缸体铸件', 'Master cylinder body casting'), category: 'CASTING', uom: 'pcs', cost: p.vary(m.casting, 0.05), suppliers: ['S01'] });
		const body = p.make({
			id: `${m.id}-CB`,
			...n('主缸缸体机加件', 'Machined master cylinder body'),
			kind: 'semi',
			category: 'COMPONENT',
			uom: 'pcs',
			leadTimeDays: 3,
			ops: [
				['CNC-M', 20, 1.0, '深孔镗、铣安装面'],
				['GRIND', 10, 0.55, '缸孔珩磨'],
				['DRILL', 5, 0.25, '钻补偿孔']
			],
			bom: [[casting, 1, 2]]
		});
		const piston = (k: 1 | 2) =>
			p.make({
				id: `${m.id}-P${k}`,
				...n(k === 1 ? '第一活塞' : '第二活塞', k === 1 ? 'Primary piston' : 'Secondary piston'),
				kind: 'semi',
				category: 'COMPONENT',
				uom: 'pcs',
				leadTimeDays: 2,
				ops: [
					['CNC-L', 10, 0.35, '车削成形'],
					['GRIND', 10, 0.25, '外圆磨']
				],
				bom: [['M-BAR-45', 0.16, 2]]
			});
		const primary = piston(1);
		const secondary = piston(2);
		p.make({
			id: m.id,
			zh: `制动主缸总成 Ø${m.bore}`,
			en: `Brake master cylinder Ø${m.bore}`,
			kind: 'product',
			category: 'FG',
			uom: 'pcs',
			leadTimeDays: 2,
			application: { zh: m.kit === 20 ? 'A级轿车' : 'B级轿车及SUV', en: m.kit === 20 ? 'Compact sedan' : 'Mid-size sedan and SUV' },
			ops: [
				['ASSY-1', 10, 0.6, '装配活塞、皮碗、储液罐'],
				['TEST', 5, 0.45, '真空保压、空行程检测']
			],
			bom: [
				[body, 1],
				[primary, 1],
				[secondary, 1],
				[`M-RES-${m.kit}`, 1],
				[`M-SEALKIT-${m.kit}`, 1],
				['M-SPRING-MC', 2],
				['M-CIRCLIP', 1],
				['M-CTN-S', 1],
				['M-LABEL', 1]
			]
		});
	}
}

/** Every family, shared parts first (their ids are referred to by the families). */
export function allParts(p: PartList): void {
	sharedParts(p);
	calipers(p);
	discs(p);
	waterPumps(p);
	knuckles(p);
	controlArms(p);
	hubs(p);
	oilPumps(p);
	masterCylinders(p);
}
