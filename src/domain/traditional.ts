/**
 * Traditional → simplified characters for the words the bot reads in titles and commands
 * (matters of the owners, common parts, votes). A small hand-kept table: the vocabulary it
 * serves is closed, and a full converter's dictionaries are many megabytes.
 */
const TRADITIONAL = '維資籌續電廣築綠場車變營經選業會舉換規約議則務費動裝擴屬設開發門權樓層頂牆庫廳處園區戶號單統繳補構遷舊體總聯網備產錢撥劃調監視計擇聽證應與對於當點實現們這為個從將給項關東側間臨時險簽訂書條託罷屆員組辦種綫線燈衛陽臺雜亂滿鐵閘噴滲積畫館兒樂氣熱廠廢棄藝術來達過還進遠運邊雙歸採購標鄰薦團幫擺攤櫃樁駐塊壞損傷護養潔綜勞錄紙傳遞龍頭錶鎖鑰欄禮預決審驗萬億兩幾隻剛牠愛寵貓鳥魚樹葉蟲殺滅蟻環衆眾壹貳參肆陸柒捌玖拾輛鐘晝風樑塗聲響靜據協徵詢問題談論認識報紀導領幹隊鬥衝擊亞倉儲蓋啟閉閒宮嚴禦災緊螢燒煙貨賣買價賬帳貸額稅財賠償銷見覺親觀寫隨夠鄉鎮縣幣專';
const SIMPLIFIED = '维资筹续电广筑绿场车变营经选业会举换规约议则务费动装扩属设开发门权楼层顶墙库厅处园区户号单统缴补构迁旧体总联网备产钱拨划调监视计择听证应与对于当点实现们这为个从将给项关东侧间临时险签订书条托罢届员组办种线线灯卫阳台杂乱满铁闸喷渗积画馆儿乐气热厂废弃艺术来达过还进远运边双归采购标邻荐团帮摆摊柜桩驻块坏损伤护养洁综劳录纸传递龙头表锁钥栏礼预决审验万亿两几只刚它爱宠猫鸟鱼树叶虫杀灭蚁环众众一二三四六七八九十辆钟昼风梁涂声响静据协征询问题谈论认识报纪导领干队斗冲击亚仓储盖启闭闲宫严御灾紧荧烧烟货卖买价账账贷额税财赔偿销见觉亲观写随够乡镇县币专';

const MAP: ReadonlyMap<string, string> = new Map([...TRADITIONAL].map((c, i) => [c, SIMPLIFIED[i]!] as const));

/** The text with the table's traditional characters replaced by simplified ones. */
export function toSimplified(text: string): string {
  let out = '';
  for (const c of text) out += MAP.get(c) ?? c;
  return out;
}
