// Mutations of clean reports that the section and table rules are tested on.
import { report2021, seed } from '../helpers';

export const noSection5Seed000 = () => seed('000').replace('\u3000\u3000五、存在的主要问题及改进情况\n', '');
export const noSection3HeadingTabs = () => report2021('tabs').replace('三、收到和处理政府信息公开申请情况\n', '');
export const noSection4AndTableTabs = () => report2021('tabs').replace(/四、政府信息公开行政复议、行政诉讼情况\n[^\n]*\n[^\n]*\n[^\n]*\n/, '');
export const noSection1Seed001 = () => seed('001').replace('一、总体情况\n', '');
