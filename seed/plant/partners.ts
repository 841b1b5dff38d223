// Suppliers and customers of the demo plant. Suppliers are written by hand (each has a character:
// the cheap foundry that delivers late and with rejects, the dearer one that does not); the
// aftermarket distributors are generated from city and trade names, deterministically.
import { random } from '../bench/random.ts';
import type { CustomerInput, SupplierInput } from './types.ts';

export interface SupplierSpec {
	id: string;
	zh: string;
	en: string;
	/** What they supply, for people reading the data. */
	supplies: string;
	/** Lead time in days for their items. */
	leadTimeDays: number;
	/** Their price against the plant's standard cost of an item (1 = standard). */
	priceFactor: number;
	/** IATF 16949 (the automotive quality management standard). */
	iatf: '已认证' | '认证中' | '未认证';
}

export const SUPPLIERS: SupplierSpec[] = [
	{ id: 'S01', zh: '宁波华铸精密铸造有限公司', en: 'Ningbo Huazhu Precision Casting Co., Ltd.', supplies: 'caliper and master cylinder castings', leadTimeDays: 18, priceFactor: 1.0, iatf: '已认证' },
	// The unreliable one: the cheapest castings, so the plan keeps choosing it; late and with rejects.
	{ id: 'S02', zh: '泊头市鑫达铸造有限公司', en: 'Botou Xinda Foundry Co., Ltd.', supplies: 'disc, pump and oil pump castings (cheapest)', leadTimeDays: 15, priceFactor: 0.86, iatf: '认证中' },
	{ id: 'S03', zh: '江苏恒锻锻造有限公司', en: 'Jiangsu Hengduan Forging Co., Ltd.', supplies: 'knuckle and hub forgings', leadTimeDays: 21, priceFactor: 1.0, iatf: '已认证' },
	{ id: 'S04', zh: '山东鲁锻机械有限公司', en: 'Shandong Luduan Machinery Co., Ltd.', supplies: 'forgings (second source)', leadTimeDays: 25, priceFactor: 0.95, iatf: '已认证' },
	{ id: 'S05', zh: '上海宝联钢材贸易有限公司', en: 'Shanghai Baolian Steel Trading Co., Ltd.', supplies: 'bar, sheet and welding wire', leadTimeDays: 7, priceFactor: 1.0, iatf: '未认证' },
	{ id: 'S06', zh: '浙江恒达轴承有限公司', en: 'Zhejiang Hengda Bearing Co., Ltd.', supplies: 'bearings and ball joints', leadTimeDays: 14, priceFactor: 1.0, iatf: '已认证' },
	{ id: 'S07', zh: '安徽宁中密封件有限公司', en: 'Anhui Ningzhong Seals Co., Ltd.', supplies: 'seals, boots, bushings', leadTimeDays: 10, priceFactor: 1.0, iatf: '已认证' },
	{ id: 'S08', zh: '上海固力紧固件有限公司', en: 'Shanghai Guli Fasteners Co., Ltd.', supplies: 'bolts, pins, springs', leadTimeDays: 5, priceFactor: 1.0, iatf: '已认证' },
	{ id: 'S09', zh: '江苏华彩工业涂料有限公司', en: 'Jiangsu Huacai Industrial Coatings Co., Ltd.', supplies: 'paint, oil, grease', leadTimeDays: 5, priceFactor: 1.0, iatf: '未认证' },
	{ id: 'S10', zh: '苏州嘉盛包装材料有限公司', en: 'Suzhou Jiasheng Packaging Co., Ltd.', supplies: 'cartons, trays, pallets', leadTimeDays: 3, priceFactor: 1.0, iatf: '未认证' },
	{ id: 'S11', zh: '山东信义摩擦材料有限公司', en: 'Shandong Xinyi Friction Materials Co., Ltd.', supplies: 'brake pads', leadTimeDays: 12, priceFactor: 1.0, iatf: '已认证' },
	{ id: 'S12', zh: '宁波精塑汽车零件有限公司', en: 'Ningbo Jingsu Auto Plastics Co., Ltd.', supplies: 'impellers, reservoirs', leadTimeDays: 12, priceFactor: 1.0, iatf: '已认证' },
	{ id: 'S13', zh: '深圳博远传感技术有限公司', en: 'Shenzhen Boyuan Sensing Technology Co., Ltd.', supplies: 'EPB actuators, ABS rings', leadTimeDays: 28, priceFactor: 1.0, iatf: '已认证' },
	{ id: 'S14', zh: '重庆渝铸精密机械有限公司', en: 'Chongqing Yuzhu Precision Machinery Co., Ltd.', supplies: 'castings (reliable second source, dearer)', leadTimeDays: 20, priceFactor: 1.08, iatf: '已认证' },
	{ id: 'S15', zh: '扬州粉冶科技有限公司', en: 'Yangzhou Powder Metallurgy Technology Co., Ltd.', supplies: 'sintered rotor blanks', leadTimeDays: 16, priceFactor: 1.0, iatf: '已认证' }
];

export const UNRELIABLE_SUPPLIER = 'S02';

export function supplierInputs(): SupplierInput[] {
	return SUPPLIERS.map((s) => ({ supplierId: s.id, name: s.zh, paymentTerms: '月结60天 / 60 days net', custom: { name_en: s.en, iatf16949: s.iatf } }));
}

/** The two sales departments: car makers' plants, and the aftermarket. */
export const SALES_DEPARTMENTS = {
	OEM: { 'zh-CN': '主机配套事业部', en: 'OEM business unit' },
	AM: { 'zh-CN': '售后市场部', en: 'Aftermarket sales' }
} as const;
export type SalesDepartment = keyof typeof SALES_DEPARTMENTS;

export interface CustomerSpec {
	id: string;
	zh: string;
	en: string;
	department: SalesDepartment;
	creditDays: number;
}

// Car makers and their tier-1 system suppliers (names invented): fewer, larger, regular orders.
const OEM_CUSTOMERS: [zh: string, en: string][] = [
	['合肥远航汽车有限公司', 'Hefei Yuanhang Automobile Co., Ltd.'],
	['重庆山城汽车制造有限公司', 'Chongqing Shancheng Motor Manufacturing Co., Ltd.'],
	['长沙湘江新能源汽车有限公司', 'Changsha Xiangjiang New Energy Vehicle Co., Ltd.'],
	['武汉东湖乘用车有限公司', 'Wuhan Donghu Passenger Car Co., Ltd.'],
	['柳州南方商用车有限公司', 'Liuzhou Nanfang Commercial Vehicle Co., Ltd.'],
	['宁德海辰电动车有限公司', 'Ningde Haichen Electric Vehicle Co., Ltd.'],
	['天津滨海汽车工业有限公司', 'Tianjin Binhai Automotive Industry Co., Ltd.'],
	['西安秦川汽车有限公司', 'Xi\u2019an Qinchuan Automobile Co., Ltd.'],
	['芜湖江城汽车股份有限公司', 'Wuhu Jiangcheng Automobile Co., Ltd.'],
	['广州珠江汽车零部件系统有限公司', 'Guangzhou Zhujiang Automotive Systems Co., Ltd.'],
	['上海安驰底盘系统有限公司', 'Shanghai Anchi Chassis Systems Co., Ltd.'],
	['沈阳北辰汽车有限公司', 'Shenyang Beichen Automobile Co., Ltd.'],
	['成都蜀道新能源汽车有限公司', 'Chengdu Shudao New Energy Vehicle Co., Ltd.'],
	['烟台黄海汽车有限公司', 'Yantai Huanghai Automobile Co., Ltd.'],
	['常州龙城电驱系统有限公司', 'Changzhou Longcheng E-Drive Systems Co., Ltd.']
];

const CITIES: [zh: string, en: string][] = [
	['广州', 'Guangzhou'],
	['郑州', 'Zhengzhou'],
	['石家庄', 'Shijiazhuang'],
	['济南', 'Jinan'],
	['昆明', 'Kunming'],
	['南宁', 'Nanning'],
	['太原', 'Taiyuan'],
	['兰州', 'Lanzhou'],
	['哈尔滨', 'Harbin'],
	['南昌', 'Nanchang'],
	['福州', 'Fuzhou'],
	['贵阳', 'Guiyang'],
	['乌鲁木齐', 'Urumqi'],
	['呼和浩特', 'Hohhot'],
	['临沂', 'Linyi'],
	['义乌', 'Yiwu'],
	['温州', 'Wenzhou'],
	['洛阳', 'Luoyang'],
	['徐州', 'Xuzhou'],
	['赣州', 'Ganzhou'],
	['泉州', 'Quanzhou'],
	['保定', 'Baoding'],
	['襄阳', 'Xiangyang'],
	['绵阳', 'Mianyang'],
	['银川', 'Yinchuan'],
	['海口', 'Haikou'],
	['大连', 'Dalian'],
	['青岛', 'Qingdao']
];

const TRADE_NAMES: [zh: string, en: string][] = [
	['骏通', 'Juntong'],
	['顺达', 'Shunda'],
	['恒利', 'Hengli'],
	['众诚', 'Zhongcheng'],
	['路安', 'Lu\u2019an'],
	['车之友', 'Chezhiyou'],
	['鑫源', 'Xinyuan'],
	['宏运', 'Hongyun'],
	['金轮', 'Jinlun'],
	['安捷', 'Anjie'],
	['远鹏', 'Yuanpeng'],
	['永盛', 'Yongsheng'],
	['华驰', 'Huachi'],
	['佳美', 'Jiamei']
];

const AM_COUNT = 25;

/** 15 OEM customers by hand, 25 aftermarket distributors generated: 40 in all. */
export function customerSpecs(seed: number): CustomerSpec[] {
	const rnd = random(seed ^ 0x5a1e5);
	const oem: CustomerSpec[] = OEM_CUSTOMERS.map(([zh, en], i) => ({ id: `C${String(101 + i)}`, zh, en, department: 'OEM', creditDays: [60, 90, 90, 120][i % 4] }));
	const cities = shuffle(CITIES, rnd);
	const am: CustomerSpec[] = [];
	for (let i = 0; i < AM_COUNT; i++) {
		const [cityZh, cityEn] = cities[i % cities.length];
		const [tradeZh, tradeEn] = TRADE_NAMES[Math.floor(rnd() * TRADE_NAMES.length)];
		am.push({
			id: `C${String(201 + i)}`,
			zh: `${cityZh}${tradeZh}汽配贸易有限公司`,
			en: `${cityEn} ${tradeEn} Auto Parts Trading Co., Ltd.`,
			department: 'AM',
			creditDays: rnd() < 0.5 ? 30 : 0
		});
	}
	return [...oem, ...am];
}

export function customerInputs(specs: CustomerSpec[]): CustomerInput[] {
	return specs.map((c) => ({
		customerId: c.id,
		name: c.zh,
		paymentTerms: c.creditDays ? `月结${c.creditDays}天 / ${c.creditDays} days net` : '款到发货 / cash before delivery',
		custom: { name_en: c.en, sales_department: c.department, credit_days: c.creditDays }
	}));
}

function shuffle<T>(list: readonly T[], rnd: () => number): T[] {
	const out = [...list];
	for (let i = out.length - 1; i > 0; i--) {
		const j = Math.floor(rnd() * (i + 1));
		[out[i], out[j]] = [out[j], out[i]];
	}
	return out;
}
