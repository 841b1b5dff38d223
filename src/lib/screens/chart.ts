// One ECharts instance per chart element for the life of the element: created when it mounts, fed with
// setOption on every new value, resized with its box, disposed when it unmounts. A screen that runs for
// weeks therefore holds as many instances as it shows charts, however many updates arrive.
import { use, init, type ECharts, type EChartsCoreOption } from 'echarts/core';
import { BarChart, GaugeChart, LineChart } from 'echarts/charts';
import { GridComponent, MarkLineComponent, MarkAreaComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

use([BarChart, GaugeChart, LineChart, GridComponent, MarkLineComponent, MarkAreaComponent, TooltipComponent, CanvasRenderer]);

export interface ChartParams {
	option: EChartsCoreOption;
	/** Pixels per CSS pixel of the design: the display's ratio times the stage's scale, so a 4K wall stays sharp. */
	pixelRatio: number;
}

export function chart(node: HTMLElement, params: ChartParams) {
	let ratio = params.pixelRatio;
	let instance: ECharts = init(node, undefined, { renderer: 'canvas', devicePixelRatio: ratio });
	instance.setOption(params.option);
	const resize = new ResizeObserver(() => instance.resize());
	resize.observe(node);
	return {
		update(next: ChartParams) {
			if (next.pixelRatio !== ratio) {
				// The ratio is fixed at creation: a display change (a rare event) makes the instance anew.
				ratio = next.pixelRatio;
				instance.dispose();
				instance = init(node, undefined, { renderer: 'canvas', devicePixelRatio: ratio });
			}
			instance.setOption(next.option);
		},
		destroy() {
			resize.disconnect();
			instance.dispose();
		}
	};
}
