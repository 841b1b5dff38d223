// Messages of the demo factory: the banner that shows its preparation on every page, and the demo
// accounts on the sign-in page. Keys start with "demo.". The English table must have exactly the
// Chinese table's keys: the types check it.
const zh = {
	'demo.preparing': '正在准备演示工厂…',
	'demo.preparingHint': '系统已可使用；演示数据（汽车零部件工厂及其最近 90 天的业务）准备好后，页面会自动刷新。',
	'demo.ready': '演示工厂已就绪',
	'demo.failed': '演示工厂未能准备好',
	'demo.failedHint': '请停止联动，删除数据目录 (LIANDONG_DATA_DIR) 后重新启动。',
	'demo.progress': '准备进度',
	'demo.accounts': '演示账号',
	'demo.accountsHint': '所有演示账号的密码都是 {password}。点击一个账号即可填入。',
	'demo.accountsSoon': '演示账号正在创建，请稍候…',
	'demo.use': '使用 {name} 登录',
	'demo.setupClosed': '这是演示工厂：管理员账号由演示数据创建，请在登录页选择一个演示账号。'
};

const en: Record<keyof typeof zh, string> = {
	'demo.preparing': 'Preparing the demo factory…',
	'demo.preparingHint': 'You can already work; the page refreshes once the demo data (an auto-parts plant and its last 90 days) is ready.',
	'demo.ready': 'The demo factory is ready',
	'demo.failed': 'The demo factory could not be prepared',
	'demo.failedHint': 'Stop Liandong, delete the data folder (LIANDONG_DATA_DIR) and start again.',
	'demo.progress': 'Preparation progress',
	'demo.accounts': 'Demo accounts',
	'demo.accountsHint': 'Every demo account has the password {password}. Click an account to fill it in.',
	'demo.accountsSoon': 'The demo accounts are being created…',
	'demo.use': 'Sign in as {name}',
	'demo.setupClosed': 'This is the demo factory: its administrator comes with the demo data. Choose a demo account on the sign-in page.'
};

export const demo = { 'zh-CN': zh, en };
