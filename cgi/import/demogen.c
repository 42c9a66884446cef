/*
 * demogen.c: a synthetic region for demos and benchmarks (docs/benchmarks.md). From a
 * seed it writes each disclosing facility's SS-MIX2 standardized storage
 * (HL7 v2.5, UTF-8) and extended storage, and region.sql with the
 * facilities, network patients, patient_link rows and consents, so that
 * the same seed always gives the same region, byte for byte.
 *
 * A facility's trees depend only on the seed, the sizes and its own
 * counters: each (patient, facility) history draws from its own stream and
 * each facility numbers its own orders and files. So one facility's trees
 * can be written alone (--only), without the others' histories, and still
 * equal what a run of all writes for it; a region too big for the disk is
 * generated and imported a facility at a time (scripts/region.sh).
 *
 * Everything is made up: names are drawn from common surnames and given
 * names, codes are shaped like JLAC10 / HOT9 / ICD-10 but are not a
 * terminology, values follow a per-patient baseline with a trend and noise.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "base/kana.h"
#include "base/util.h"
#include "import/demogen.h"

/* splitmix64: a tiny, well-mixed PRNG whose whole state is one word. */
static uint64_t
rnd(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* Uniform in [0, n). */
static unsigned
rndn(uint64_t *s, unsigned n)
{
	return n ? (unsigned)(rnd(s) % n) : 0;
}

/* Uniform in [0, 1). */
static double
rndf(uint64_t *s)
{
	return (double)(rnd(s) >> 11) / 9007199254740992.0;
}

/* Roughly normal (sum of four uniforms): enough for lab noise. */
static double
rndnorm(uint64_t *s)
{
	return (rndf(s) + rndf(s) + rndf(s) + rndf(s) - 2.0) * 1.7320508;
}

/* A patient's own stream: the same patient whatever N or the order. */
static uint64_t
seed_for(uint64_t seed, uint64_t a, uint64_t b)
{
	uint64_t s = seed ^ (a * 0x9e3779b97f4a7c15ULL) ^ (b << 40);

	rnd(&s);
	return s;
}

static const struct { const char *k, *kana; } surnames[] = {
	{ "佐藤", "サトウ" }, { "鈴木", "スズキ" }, { "高橋", "タカハシ" },
	{ "田中", "タナカ" }, { "伊藤", "イトウ" }, { "渡辺", "ワタナベ" },
	{ "山本", "ヤマモト" }, { "中村", "ナカムラ" }, { "小林", "コバヤシ" },
	{ "加藤", "カトウ" }, { "吉田", "ヨシダ" }, { "山田", "ヤマダ" },
	{ "佐々木", "ササキ" }, { "斎藤", "サイトウ" }, { "阿部", "アベ" },
	{ "菅原", "スガワラ" }, { "後藤", "ゴトウ" }, { "遠藤", "エンドウ" },
	{ "齋藤", "サイトウ" }, { "五十嵐", "イガラシ" }, { "石山", "イシヤマ" },
	{ "奥山", "オクヤマ" }, { "沼澤", "ヌマザワ" }, { "柴田", "シバタ" },
	{ "荒木", "アラキ" }, { "大場", "オオバ" }, { "庄司", "ショウジ" },
	{ "土屋", "ツチヤ" }, { "早坂", "ハヤサカ" }, { "最上", "モガミ" },
	{ "木村", "キムラ" }, { "林", "ハヤシ" }, { "清水", "シミズ" },
	{ "山崎", "ヤマザキ" }, { "森", "モリ" }, { "池田", "イケダ" },
	{ "橋本", "ハシモト" }, { "山口", "ヤマグチ" }, { "石川", "イシカワ" },
	{ "前田", "マエダ" }, { "藤田", "フジタ" }, { "小川", "オガワ" }, { "岡田", "オカダ" },
	{ "長谷川", "ハセガワ" }, { "村上", "ムラカミ" }, { "近藤", "コンドウ" },
	{ "石井", "イシイ" }, { "坂本", "サカモト" }, { "青木", "アオキ" },
	{ "藤井", "フジイ" }, { "西村", "ニシムラ" }, { "福田", "フクダ" },
	{ "太田", "オオタ" }, { "三浦", "ミウラ" }, { "藤原", "フジワラ" },
	{ "岡本", "オカモト" }, { "松田", "マツダ" }, { "中川", "ナカガワ" },
	{ "中野", "ナカノ" }, { "原田", "ハラダ" }, { "小野", "オノ" }, { "田村", "タムラ" },
	{ "竹内", "タケウチ" }, { "金子", "カネコ" }, { "和田", "ワダ" },
	{ "中山", "ナカヤマ" }, { "石田", "イシダ" }, { "上田", "ウエダ" },
	{ "森田", "モリタ" }, { "原", "ハラ" }, { "柴崎", "シバサキ" }, { "酒井", "サカイ" },
	{ "工藤", "クドウ" }, { "横山", "ヨコヤマ" }, { "宮崎", "ミヤザキ" },
	{ "宮本", "ミヤモト" }, { "内田", "ウチダ" }, { "高木", "タカギ" },
	{ "安藤", "アンドウ" }, { "谷口", "タニグチ" }, { "大野", "オオノ" },
	{ "丸山", "マルヤマ" }, { "今井", "イマイ" }, { "高田", "タカダ" },
	{ "藤本", "フジモト" }, { "武田", "タケダ" }, { "村田", "ムラタ" },
	{ "上野", "ウエノ" }, { "杉山", "スギヤマ" }, { "増田", "マスダ" },
	{ "平野", "ヒラノ" }, { "大塚", "オオツカ" }, { "千葉", "チバ" }, { "久保", "クボ" },
	{ "松井", "マツイ" }, { "小島", "コジマ" }, { "岩崎", "イワサキ" },
	{ "桜井", "サクライ" }, { "野口", "ノグチ" }, { "松尾", "マツオ" },
	{ "野村", "ノムラ" }, { "木下", "キノシタ" }, { "菊地", "キクチ" }, { "佐野", "サノ" },
	{ "大西", "オオニシ" }, { "杉本", "スギモト" }, { "新井", "アライ" },
	{ "浜田", "ハマダ" }, { "菅野", "カンノ" }, { "市川", "イチカワ" },
	{ "古川", "フルカワ" }, { "水野", "ミズノ" }, { "小松", "コマツ" },
	{ "島田", "シマダ" }, { "山内", "ヤマウチ" }, { "西田", "ニシダ" },
	{ "東海林", "ショウジ" }, { "星川", "ホシカワ" },
};
static const struct { const char *k, *kana; char sex; } given[] = {
	{ "一郎", "イチロウ", 'M' }, { "健一", "ケンイチ", 'M' },
	{ "誠", "マコト", 'M' }, { "茂", "シゲル", 'M' },
	{ "博", "ヒロシ", 'M' }, { "翔太", "ショウタ", 'M' },
	{ "大輔", "ダイスケ", 'M' }, { "清", "キヨシ", 'M' },
	{ "勇", "イサム", 'M' }, { "和夫", "カズオ", 'M' },
	{ "花子", "ハナコ", 'F' }, { "幸子", "サチコ", 'F' },
	{ "恵子", "ケイコ", 'F' }, { "陽子", "ヨウコ", 'F' },
	{ "美咲", "ミサキ", 'F' }, { "裕子", "ユウコ", 'F' },
	{ "節子", "セツコ", 'F' }, { "トシ", "トシ", 'F' },
	{ "明美", "アケミ", 'F' }, { "さくら", "サクラ", 'F' },
	{ "浩", "ヒロシ", 'M' }, { "隆", "タカシ", 'M' },
	{ "修", "オサム", 'M' }, { "実", "ミノル", 'M' },
	{ "進", "ススム", 'M' }, { "正", "タダシ", 'M' },
	{ "豊", "ユタカ", 'M' }, { "昭", "アキラ", 'M' },
	{ "武", "タケシ", 'M' }, { "聡", "サトシ", 'M' },
	{ "剛", "ツヨシ", 'M' }, { "拓也", "タクヤ", 'M' },
	{ "健太", "ケンタ", 'M' }, { "大樹", "ダイキ", 'M' },
	{ "陸", "リク", 'M' }, { "蓮", "レン", 'M' },
	{ "悠真", "ユウマ", 'M' }, { "湊", "ミナト", 'M' },
	{ "陽翔", "ハルト", 'M' }, { "正雄", "マサオ", 'M' },
	{ "義男", "ヨシオ", 'M' }, { "幸雄", "ユキオ", 'M' },
	{ "達也", "タツヤ", 'M' }, { "和彦", "カズヒコ", 'M' },
	{ "浩二", "コウジ", 'M' }, { "雅之", "マサユキ", 'M' },
	{ "秀樹", "ヒデキ", 'M' }, { "勝", "マサル", 'M' },
	{ "三郎", "サブロウ", 'M' }, { "次郎", "ジロウ", 'M' },
	{ "正和", "マサカズ", 'M' }, { "和子", "カズコ", 'F' },
	{ "京子", "キョウコ", 'F' }, { "久美子", "クミコ", 'F' },
	{ "由美子", "ユミコ", 'F' }, { "真由美", "マユミ", 'F' },
	{ "智子", "トモコ", 'F' }, { "直美", "ナオミ", 'F' },
	{ "純子", "ジュンコ", 'F' }, { "良子", "ヨシコ", 'F' },
	{ "美代子", "ミヨコ", 'F' }, { "千代", "チヨ", 'F' },
	{ "ハル", "ハル", 'F' }, { "キミ", "キミ", 'F' },
	{ "静香", "シズカ", 'F' }, { "結衣", "ユイ", 'F' },
	{ "葵", "アオイ", 'F' }, { "陽菜", "ヒナ", 'F' },
	{ "凛", "リン", 'F' }, { "芽依", "メイ", 'F' },
	{ "愛", "アイ", 'F' }, { "彩", "アヤ", 'F' },
	{ "恵美", "エミ", 'F' }, { "典子", "ノリコ", 'F' },
	{ "弘子", "ヒロコ", 'F' }, { "文子", "フミコ", 'F' },
	{ "友美", "トモミ", 'F' }, { "麻衣", "マイ", 'F' },
};
static const char *const towns[] = {
	"新庄市沖の町", "新庄市本町", "金山町金山", "最上町向町", "舟形町舟形",
	"真室川町新町", "大蔵村清水", "鮭川村佐渡", "戸沢村古口",
};

/* A lab item: JLAC10-shaped code, name, unit, reference range, mean, sd. */
struct item { const char *code, *name, *unit; double lo, hi, mean, sd; int dp; };
static const struct item panel[] = {
	{ "3A010000002327101", "総蛋白", "g/dL", 6.6, 8.1, 7.2, 0.4, 1 },
	{ "3A015000002327101", "アルブミン", "g/dL", 4.1, 5.1, 4.3, 0.3, 1 },
	{ "3B035000002327201", "AST", "U/L", 13, 30, 22, 6, 0 },
	{ "3B045000002327201", "ALT", "U/L", 10, 42, 20, 8, 0 },
	{ "3C015000002327101", "クレアチニン", "mg/dL", 0.46, 1.07, 0.8, 0.15, 2 },
	{ "3C025000002327101", "尿素窒素", "mg/dL", 8, 20, 14, 3, 1 },
	{ "3D010000001926101", "グルコース", "mg/dL", 73, 109, 95, 10, 0 },
	{ "3D046000001906202", "HbA1c", "%", 4.9, 6.0, 5.6, 0.3, 1 },
	{ "3F070000002327101", "HDLコレステロール", "mg/dL", 40, 90, 58, 12, 0 },
	{ "3F077000002327101", "LDLコレステロール", "mg/dL", 65, 163, 115, 25, 0 },
	{ "2A020000001930101", "白血球数", "10^3/uL", 3.3, 8.6, 6.0, 1.5, 1 },
	{ "2A030000001930101", "赤血球数", "10^6/uL", 3.86, 4.92, 4.4, 0.4, 2 },
	{ "2A990000001930952", "ヘモグロビン", "g/dL", 11.6, 14.8, 13.5, 1.2, 1 },
	{ "2A050000001930101", "血小板数", "10^3/uL", 158, 348, 240, 50, 0 },
	{ "5C070000002306001", "CRP", "mg/dL", 0, 0.14, 0.08, 0.1, 2 },
};
#define NPANEL	(sizeof(panel) / sizeof(panel[0]))

static const struct { const char *code, *name, *unit; int per_day; } drugs[] = {
	{ "620008501", "アムロジピン錠５ｍｇ", "錠", 1 },
	{ "620004301", "メトホルミン塩酸塩錠２５０ｍｇ", "錠", 2 },
	{ "622072501", "ロスバスタチン錠２．５ｍｇ", "錠", 1 },
	{ "620003205", "ランソプラゾールＯＤ錠１５ｍｇ", "錠", 1 },
	{ "620098801", "ロキソプロフェンＮａ錠６０ｍｇ", "錠", 3 },
	{ "620007401", "カンデサルタン錠８ｍｇ", "錠", 1 },
	{ "620000701", "アセトアミノフェン錠２００ｍｇ", "錠", 3 },
	{ "620009402", "酸化マグネシウム錠３３０ｍｇ", "錠", 3 },
	{ "620005504", "レバミピド錠１００ｍｇ", "錠", 3 },
	{ "622046801", "ビルダグリプチン錠５０ｍｇ", "錠", 2 },
	{ "620002803", "ゾルピデム酒石酸塩錠５ｍｇ", "錠", 1 },
	{ "620001906", "クラリスロマイシン錠２００ｍｇ", "錠", 2 },
};
#define NDRUGS	(sizeof(drugs) / sizeof(drugs[0]))

static const struct { const char *code, *name; } injections[] = {
	{ "640453001", "生理食塩液１００ｍＬ" },
	{ "643310101", "セファゾリンナトリウム注射用１ｇ" },
	{ "640406001", "ヘパリンナトリウム注５千単位" },
	{ "620520001", "ソリタ－Ｔ３号輸液５００ｍＬ" },
};
static const struct { const char *code, *name; } problems[] = {
	{ "I10", "本態性高血圧症" }, { "E119", "２型糖尿病" },
	{ "E785", "脂質異常症" }, { "K219", "逆流性食道炎" },
	{ "N183", "慢性腎臓病" }, { "J459", "気管支喘息" },
	{ "M179", "変形性膝関節症" }, { "I489", "心房細動" },
};
static const struct { const char *code, *name, *finding; } exams[] = {
	{ "E001", "胸部単純Ｘ線", "両肺野に明らかな浸潤影なし。心胸郭比５０％。" },
	{ "E002", "腹部超音波", "肝実質エコー輝度やや上昇、脂肪肝疑い。胆石なし。" },
	{ "E003", "頭部ＣＴ", "明らかな出血、占拠性病変なし。軽度の脳萎縮。" },
	{ "E004", "心電図", "洞調律、心拍数７２／分。有意なＳＴ変化なし。" },
	{ "E005", "上部消化管内視鏡", "萎縮性胃炎（Ｃ－２）。潰瘍なし。" },
};
static const struct { const char *code, *name; } depts[] = {
	{ "01", "内科" }, { "02", "循環器内科" }, { "03", "消化器内科" },
	{ "10", "外科" }, { "15", "整形外科" }, { "20", "眼科" },
};
#define NDEPTS	(sizeof(depts) / sizeof(depts[0]))

#define DAY	86400LL
/* The region's "today": fixed, so a seed always gives the same trees. */
#define END_T	1793491200LL		/* 2026-11-01 00:00 UTC */

/* One facility's writer state: its trees and its order numbers. */
struct fac {
	char		 code[16], std[1024], ext[1024];
	unsigned long	 order;
	unsigned long	 files;
};

/* A patient as the whole region knows them. */
struct pat {
	size_t		 idx;
	char		 nid[11], name[64], kana[64], sex, birth[9], addr[128];
	double		 base[NPANEL], slope[NPANEL];	/* per item, per year */
	int		 chronic[4];			/* indexes into problems */
	int		 nchronic, meds[4], nmeds;
};

struct gen {
	const struct demo_opts	*o;
	struct fac		*facs;
	size_t			 only;		/* a facility's index; facilities: all */
	int			 write;		/* 0: count the trees, write none */
	unsigned long		 messages, docs, bytes;
	char			 err[256];
};

/* mkdir -p for the directory part of path; 0 or -1. */
static int
mkdirs(char *path)
{
	for (char *p = path + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(path, 0755) == -1 && errno != EEXIST) {
			*p = '/';
			return -1;
		}
		*p = '/';
	}
	return 0;
}

static void
ymd(long long t, char *out, size_t len, const char *fmt)
{
	time_t	 tt = (time_t)t;
	struct tm tm;

	gmtime_r(&tt, &tm);
	strftime(out, len, fmt, &tm);
}

/* Ten digits with a Luhn check digit, like network_id_new(), from an index. */
static void
network_id(size_t idx, char out[11])
{
	int	 sum = 0;

	snprintf(out, 11, "8%08zu", idx % 100000000);
	for (int i = 0; i < 9; i++) {
		int d = out[8 - i] - '0';
		if (i % 2 == 0 && (d *= 2) > 9)
			d -= 9;
		sum += d;
	}
	out[9] = (char)('0' + (10 - sum % 10) % 10);
	out[10] = '\0';
}

/* The local patient ID at facility f: 8 digits, a bijection of idx. */
static void
local_id(size_t idx, size_t f, char out[16])
{
	snprintf(out, 16, "%08llu", (unsigned long long)
	    ((idx * 7919ULL + f * 104729ULL + 1000000ULL) % 100000000ULL));
}

static void
patient_make(const struct gen *g, size_t idx, struct pat *p)
{
	uint64_t s = seed_for(g->o->seed, idx, 1);
	unsigned sn = rndn(&s, sizeof(surnames) / sizeof(surnames[0]));
	unsigned gn = rndn(&s, sizeof(given) / sizeof(given[0]));
	long long age = 5 + rndn(&s, 90), bt;

	memset(p, 0, sizeof(*p));
	p->idx = idx;
	network_id(idx, p->nid);
	snprintf(p->name, sizeof(p->name), "%s^%s", surnames[sn].k, given[gn].k);
	snprintf(p->kana, sizeof(p->kana), "%s^%s", surnames[sn].kana,
	    given[gn].kana);
	p->sex = given[gn].sex;
	bt = END_T - age * 365 * DAY - rndn(&s, 365) * DAY;
	ymd(bt, p->birth, sizeof(p->birth), "%Y%m%d");
	snprintf(p->addr, sizeof(p->addr), "山形県%s%u番%u号",
	    towns[rndn(&s, sizeof(towns) / sizeof(towns[0]))], 1 + rndn(&s, 30),
	    1 + rndn(&s, 20));
	for (size_t i = 0; i < NPANEL; i++) {
		p->base[i] = panel[i].mean + panel[i].sd * rndnorm(&s) * 0.6;
		p->slope[i] = panel[i].sd * rndnorm(&s) * 0.1;
	}
	/* Older patients carry more chronic problems, and their drugs. */
	p->nchronic = (int)rndn(&s, age > 60 ? 4 : 2);
	for (int i = 0; i < p->nchronic; i++) {
		p->chronic[i] = (int)rndn(&s, sizeof(problems) / sizeof(problems[0]));
		if (p->chronic[i] == 1) {	/* diabetes: HbA1c high, improving */
			p->base[7] += 1.8;
			p->slope[7] = -0.15;
			p->base[6] += 40;
		} else if (p->chronic[i] == 4) {	/* CKD: creatinine rising */
			p->base[4] += 0.6;
			p->slope[4] = 0.12;
		}
	}
	p->nmeds = 1 + (int)rndn(&s, 3);
	for (int i = 0; i < p->nmeds; i++)
		p->meds[i] = (int)rndn(&s, NDRUGS);
}

/* Writes one file, making its folders; 0 or -1 with g->err set. */
static int
put_file(struct gen *g, char *path, const void *data, size_t len)
{
	FILE	*f;

	g->bytes += len;
	if (!g->write)
		return 0;
	if ((f = fopen(path, "w")) == NULL) {
		if (errno != ENOENT || mkdirs(path) == -1 ||
		    (f = fopen(path, "w")) == NULL) {
			snprintf(g->err, sizeof(g->err), "%.200s: %s", path,
			    strerror(errno));
			return -1;
		}
	}
	if (fwrite(data, 1, len, f) != len || fclose(f) != 0) {
		snprintf(g->err, sizeof(g->err), "%.200s: write failed", path);
		return -1;
	}
	return 0;
}

/* A message being built: segments joined by CR. */
struct msg {
	char	 b[16384];
	size_t	 n;
};

static void
seg(struct msg *m, const char *fmt, ...)
{
	va_list	 ap;
	int	 w;

	if (m->n >= sizeof(m->b) - 2)
		return;
	va_start(ap, fmt);
	w = vsnprintf(m->b + m->n, sizeof(m->b) - m->n - 1, fmt, ap);
	va_end(ap);
	if (w < 0 || (size_t)w >= sizeof(m->b) - m->n - 1)
		w = (int)(sizeof(m->b) - m->n - 2);
	m->n += (size_t)w;
	m->b[m->n++] = '\r';
}

/* MSH and PID for patient p at facility f, message type msh9, time ts. */
static void
head(struct msg *m, const struct fac *f, const struct pat *p,
    const char *lid, const char *msh9, const char *ts)
{
	m->n = 0;
	seg(m, "MSH|^~\\&|HIS|%s|GW|MOGAMI|%s||%s|%s%lu|P|2.5", f->code, ts,
	    msh9, f->code, f->files);
	seg(m, "PID|0001||%s^^^^PI||%s^^^^^L^I~%s^^^^^L^P||%s|%c|||"
	    "^^^^996-0000^JPN^H^%s", lid, p->name, p->kana, p->birth, p->sex,
	    p->addr);
}

/*
 * Stores the message as PID_DATE_TYPE_ORDER_TS_DEPT_1 under the facility's
 * standardized storage. date is YYYYMMDD or "-".
 */
static int
store(struct gen *g, struct fac *f, const char *lid, const char *date,
    const char *type, const char *order, const char *ts17, const char *dept,
    struct msg *m)
{
	char	 path[1400];

	if (str_fmt(path, sizeof(path), "%s/%.3s/%.3s/%s/%s/%s/%s_%s_%s_%s_%s_%s_1",
	    f->std, lid, lid + 3, lid, date, type, lid, date, type, order, ts17,
	    dept) == -1)
		return -1;
	f->files++;
	g->messages++;
	return put_file(g, path, m->b, m->n);
}

static void
order_no(struct fac *f, char out[16])
{
	snprintf(out, 16, "%015lu", ++f->order);
}

/* A lab result (OML-11) of the whole panel or part of it at time t. */
static int
gen_lab(struct gen *g, struct fac *f, const struct pat *p, const char *lid,
    long long t, uint64_t *s, const char *dept)
{
	struct msg	 m;
	char		 ts[16], ts17[20], d[9], on[16], v[32];
	double		 years = (double)(t - (END_T - g->o->years * 365 * DAY)) /
			    (365.0 * DAY);
	size_t		 first = rndn(s, 3) == 0 ? 6 : 0, n = first ? 4 : NPANEL;

	ymd(t, ts, sizeof(ts), "%Y%m%d%H%M%S");
	ymd(t, d, sizeof(d), "%Y%m%d");
	snprintf(ts17, sizeof(ts17), "%s%03u", ts, rndn(s, 1000));
	order_no(f, on);
	head(&m, f, p, lid, "OUL^R22^OUL_R22", ts);
	seg(&m, "SPM|1|||023^血清^JC10|||||||||||||%s", ts);
	seg(&m, "OBR|1|%s||L001^検体検査^99O03|||%s", on, ts);
	seg(&m, "ORC|SC|%s||||||||%s", on, ts);
	for (size_t i = 0; i < n && first + i < NPANEL; i++) {
		const struct item *it = &panel[first + i];
		double x = p->base[first + i] + p->slope[first + i] * years +
		    it->sd * 0.3 * rndnorm(s);
		const char *fl = x > it->hi ? "H" : x < it->lo ? "L" : "N";
		if (x < 0)
			x = 0;
		snprintf(v, sizeof(v), "%.*f", it->dp, x);
		seg(&m, "OBX|%zu|NM|%s^%s^JC10||%s|%s|%g-%g|%s|||F|||%s", i + 1,
		    it->code, it->name, v, it->unit, it->lo, it->hi, fl, ts);
	}
	return store(g, f, lid, d, "OML-11", on, ts17, dept, &m);
}

/* A prescription (OMP-01) of the patient's regular drugs, one Rp each. */
static int
gen_rx(struct gen *g, struct fac *f, const struct pat *p, const char *lid,
    long long t, uint64_t *s, const char *dept)
{
	struct msg	 m;
	char		 ts[16], ts17[20], d[9], on[16];
	unsigned	 days = 14 + 14 * rndn(s, 4);

	ymd(t, ts, sizeof(ts), "%Y%m%d%H%M%S");
	ymd(t, d, sizeof(d), "%Y%m%d");
	snprintf(ts17, sizeof(ts17), "%s%03u", ts, rndn(s, 1000));
	order_no(f, on);
	head(&m, f, p, lid, "RDE^O11^RDE_O11", ts);
	for (int i = 0; i < p->nmeds; i++) {
		int k = p->meds[i];
		seg(&m, "ORC|NW|%s||%d|||||%s", on, i + 1, ts);
		seg(&m, "RXE||%s^%s^HOT9|%d||TAB^%s^MR9P|||||%u|TAB^%s^MR9P",
		    drugs[k].code, drugs[k].name, drugs[k].per_day,
		    drugs[k].unit, days * (unsigned)drugs[k].per_day,
		    drugs[k].unit);
		seg(&m, "TQ1|1||1013044400000000&内服・経口・１日%d回&JAMISDP01|||%u^d",
		    drugs[k].per_day, days);
		seg(&m, "RXR|PO^口^HL70162");
	}
	return store(g, f, lid, d, "OMP-01", on, ts17, dept, &m);
}

/* An ADT message of type (ADT-12 visit, ADT-22 admission, ADT-52 discharge). */
static int
gen_adt(struct gen *g, struct fac *f, const struct pat *p, const char *lid,
    long long t, uint64_t *s, const char *type, const char *msh9, int dept)
{
	struct msg	 m;
	char		 ts[16], ts17[20], d[9];

	ymd(t, ts, sizeof(ts), "%Y%m%d%H%M%S");
	ymd(t, d, sizeof(d), "%Y%m%d");
	snprintf(ts17, sizeof(ts17), "%s%03u", ts, rndn(s, 1000));
	head(&m, f, p, lid, msh9, ts);
	seg(&m, "EVN||%s", ts);
	seg(&m, "PV1|1|%s|%s^%s", type[4] == '1' ? "O" : "I", depts[dept].code,
	    depts[dept].name);
	return store(g, f, lid, d, type, "999999999999999", ts17,
	    depts[dept].code, &m);
}

/* An injection order (OMP-02) during a stay. */
static int
gen_inj(struct gen *g, struct fac *f, const struct pat *p, const char *lid,
    long long t, uint64_t *s, const char *dept)
{
	struct msg	 m;
	char		 ts[16], ts17[20], d[9], on[16];
	unsigned	 k = rndn(s, sizeof(injections) / sizeof(injections[0]));

	ymd(t, ts, sizeof(ts), "%Y%m%d%H%M%S");
	ymd(t, d, sizeof(d), "%Y%m%d");
	snprintf(ts17, sizeof(ts17), "%s%03u", ts, rndn(s, 1000));
	order_no(f, on);
	head(&m, f, p, lid, "RDE^O11^RDE_O11", ts);
	seg(&m, "ORC|NW|%s||1|||||%s", on, ts);
	seg(&m, "RXE||%s^%s^HOT9|1||AMP^アンプル^MR9P", injections[k].code,
	    injections[k].name);
	seg(&m, "TQ1|1||2Z00000000000000&１日１回&JAMISDP01|||1^d");
	seg(&m, "RXR|IV^静脈内^HL70162");
	seg(&m, "RXC|B|%s^%s^HOT9|1|AMP^アンプル^MR9P", injections[k].code,
	    injections[k].name);
	return store(g, f, lid, d, "OMP-02", on, ts17, dept, &m);
}

/* An imaging or physiology report (OMG-13) with its finding. */
static int
gen_report(struct gen *g, struct fac *f, const struct pat *p, const char *lid,
    long long t, uint64_t *s, const char *dept)
{
	struct msg	 m;
	char		 ts[16], ts17[20], d[9], on[16];
	unsigned	 k = rndn(s, sizeof(exams) / sizeof(exams[0]));

	ymd(t, ts, sizeof(ts), "%Y%m%d%H%M%S");
	ymd(t, d, sizeof(d), "%Y%m%d");
	snprintf(ts17, sizeof(ts17), "%s%03u", ts, rndn(s, 1000));
	order_no(f, on);
	head(&m, f, p, lid, "ORU^R01^ORU_R01", ts);
	seg(&m, "ORC|SC|%s||||||||%s", on, ts);
	seg(&m, "OBR|1|%s||%s^%s^99O03|||%s", on, exams[k].code, exams[k].name,
	    ts);
	seg(&m, "OBX|1|TX|%s^%s^99O03||%s||||||F|||%s", exams[k].code,
	    exams[k].name, exams[k].finding, ts);
	return store(g, f, lid, d, "OMG-13", on, ts17, dept, &m);
}

/* Demographics (ADT-00), problems (PPR-01) and allergies (ADT-61): "-" dated. */
static int
gen_static(struct gen *g, struct fac *f, const struct pat *p, const char *lid,
    long long t, uint64_t *s)
{
	struct msg	 m;
	char		 ts[16], ts17[20], on[8];

	ymd(t, ts, sizeof(ts), "%Y%m%d%H%M%S");
	snprintf(ts17, sizeof(ts17), "%s%03u", ts, rndn(s, 1000));
	head(&m, f, p, lid, "ADT^A08^ADT_A01", ts);
	seg(&m, "EVN||%s", ts);
	if (store(g, f, lid, "-", "ADT-00", "999999999999999", ts17, "-", &m))
		return -1;
	if (p->nchronic > 0) {
		head(&m, f, p, lid, "PPR^ZD1^PPR_ZD1", ts);
		for (int i = 0; i < p->nchronic; i++) {
			int k = p->chronic[i];
			seg(&m, "PRB|AD|%s|%s^%s^I10|%d||||||||||||%.8s", ts,
			    problems[k].code, problems[k].name, i + 1, ts);
		}
		if (store(g, f, lid, "-", "PPR-01", "999999999999999", ts17,
		    "01", &m))
			return -1;
	}
	if (rndn(s, 10) < 3) {
		snprintf(on, sizeof(on), "%s", "-");
		head(&m, f, p, lid, "ADT^A60^ADT_A60", ts);
		seg(&m, "EVN||%s", ts);
		seg(&m, "IAM|1|DA^薬剤アレルギー^HL70127|1100^ペニシリン系^99XYZ|"
		    "SV^重症^HL70128|発疹|A");
		if (store(g, f, lid, "-", "ADT-61", "999999999999999", ts17,
		    on, &m))
			return -1;
	}
	return 0;
}

/* A small but valid PDF (a referral letter) in the extended storage. */
static int
gen_doc(struct gen *g, struct fac *f, const char *lid, long long t)
{
	static const char pdf[] =
	    "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
	    "2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
	    "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
	    "trailer<</Root 1 0 R>>\n%%EOF\n";
	char	 path[1400], d[9];

	ymd(t, d, sizeof(d), "%Y%m%d");
	if (str_fmt(path, sizeof(path), "%s/%.3s/%.3s/%s/%s/紹介状/%s_%s_%lu.pdf",
	    f->ext, lid, lid + 3, lid, d, lid, d, ++f->order) == -1)
		return -1;
	g->docs++;
	return put_file(g, path, pdf, sizeof(pdf) - 1);
}

/*
 * One patient's history at one facility over the years: visits (with a
 * prescription, labs, now and then a report), a few stays with
 * injections, a document. rate is visits per year; 0 for the heavy patient
 * means "until target messages".
 */
static int
gen_history(struct gen *g, size_t fi, const struct pat *p, double rate,
    unsigned long target)
{
	struct fac	*f = &g->facs[fi];
	uint64_t	 s = seed_for(g->o->seed, p->idx, 100 + fi);
	char		 lid[16];
	long long	 start = END_T - (long long)g->o->years * 365 * DAY, t;
	unsigned long	 before = g->messages;
	double		 gap = 365.0 * DAY / (rate > 0 ? rate : 1);

	local_id(p->idx, fi, lid);
	if (gen_static(g, f, p, lid, start, &s) == -1)
		return -1;
	if (target) {
		/* Spread `target` messages (visit + rx + lab) over the years. */
		gap = (double)(END_T - start) / ((double)target / 3.0 + 1);
	}
	t = start + (long long)(rndf(&s) * gap);
	for (; t < END_T; t += (long long)(gap * (0.3 + 1.4 * rndf(&s)))) {
		int dept = (int)rndn(&s, NDEPTS);
		const char *dc = depts[dept].code;
		long long v = t - t % DAY + (8 + rndn(&s, 9)) * 3600 +
		    rndn(&s, 3600);
		if (target && g->messages - before >= target)
			break;
		if (v >= END_T)
			break;
		if (rndn(&s, 100) < 3 && !target) {	/* a stay */
			int days = 3 + (int)rndn(&s, 12);
			if (gen_adt(g, f, p, lid, v, &s, "ADT-22", "ADT^A01^ADT_A01",
			    dept) || gen_lab(g, f, p, lid, v + 3600, &s, dc))
				return -1;
			for (int i = 0; i < days; i += 2)
				if (gen_inj(g, f, p, lid, v + i * DAY, &s, dc))
					return -1;
			if (gen_adt(g, f, p, lid, v + days * DAY, &s, "ADT-52",
			    "ADT^A03^ADT_A03", dept))
				return -1;
			if (rndn(&s, 2) == 0 && gen_doc(g, f, lid, v + days * DAY))
				return -1;
			t += days * DAY;
			continue;
		}
		if (gen_adt(g, f, p, lid, v, &s, "ADT-12", "ADT^A04^ADT_A01",
		    dept))
			return -1;
		if ((target || rndn(&s, 10) < 7) &&
		    gen_rx(g, f, p, lid, v + 1800, &s, dc))
			return -1;
		if ((target || rndn(&s, 10) < 5) &&
		    gen_lab(g, f, p, lid, v + 600, &s, dc))
			return -1;
		if (!target && rndn(&s, 100) < 6 &&
		    gen_report(g, f, p, lid, v + 2400, &s, dc))
			return -1;
	}
	return 0;
}

/* SQL string literal (the generator's own strings: no quotes or backslashes). */
static void
sql_patient(FILE *sql, const struct pat *p, int first)
{
	char	 kana[64], key[256], name[64];
	const char *c;

	/* "姓^名" -> "姓 名" as the registration pages store names. */
	str_copy(name, p->name, sizeof(name));
	str_copy(kana, p->kana, sizeof(kana));
	if ((c = strchr(name, '^')) != NULL)
		name[c - name] = ' ';
	if ((c = strchr(kana, '^')) != NULL)
		kana[c - kana] = ' ';
	if (kana_normalize(kana, key, sizeof(key)) == -1)
		key[0] = '\0';
	fprintf(sql, "%s('%s','%s','%s','%s','%c','%.4s-%.2s-%.2s','%s',"
	    "UTC_TIMESTAMP(6))", first ? "" : ",\n", p->nid, name, kana, key,
	    p->sex, p->birth, p->birth + 4, p->birth + 6, p->addr);
}

/* How many facilities patient idx is known at, and which (home first). */
static size_t
patient_facs(const struct gen *g, size_t idx, size_t out[3])
{
	uint64_t s = seed_for(g->o->seed, idx, 2);
	size_t	 n = 1, nf = g->o->facilities;
	unsigned r = rndn(&s, 100);

	out[0] = idx % nf;
	if (nf > 1 && r < 40)
		n = 2;
	if (nf > 2 && r < 10)
		n = 3;
	for (size_t i = 1; i < n; i++)
		out[i] = (out[0] + i + rndn(&s, (unsigned)(nf - i))) % nf;
	/* Distinct: collapse repeats. */
	if (n == 3 && out[2] == out[1])
		n = 2;
	if (n >= 2 && out[1] == out[0])
		out[1] = out[--n];
	return n;
}

static int
write_sql_head(FILE *sql, const struct gen *g)
{
	fprintf(sql, "-- region.sql: made by mogamictl demo generate --patients %zu"
	    " --facilities %zu --years %d --seed %llu\n-- Idempotent: load it"
	    " twice and nothing changes.\nSET NAMES utf8mb4;\n"
	    "CREATE TEMPORARY TABLE demo_link (code VARCHAR(32), local_id"
	    " VARCHAR(64), nid CHAR(10), home TINYINT, consent TINYINT);\n",
	    g->o->patients, g->o->facilities, g->o->years,
	    (unsigned long long)g->o->seed);
	for (size_t f = 0; f < g->o->facilities; f++)
		fprintf(sql, "INSERT IGNORE INTO facility (code, name, kind,"
		    " disclosing, viewing) VALUES ('%s', '最上デモ病院%zu',"
		    " '%s', 1, 1);\n", g->facs[f].code, f + 1,
		    f == 0 ? "hospital" : f % 3 == 0 ? "clinic" : "hospital");
	return ferror(sql) ? -1 : 0;
}

/* The patients, links and consents; batches of 500 rows per INSERT. */
static int
write_sql_patients(FILE *sql, const struct gen *g, struct pat *p)
{
	size_t	 i, j, fl[3], n;

	for (i = 0; i < g->o->patients; i++) {
		if (i % 500 == 0)
			fprintf(sql, "%sINSERT IGNORE INTO patient (network_id, name,"
			    " kana, kana_key, sex, birth_date, address, created_at)"
			    " VALUES\n", i ? ";\n" : "");
		patient_make(g, i, p);
		sql_patient(sql, p, i % 500 == 0);
	}
	if (i)
		fprintf(sql, ";\n");
	for (i = 0; i < g->o->patients; i++) {
		uint64_t s = seed_for(g->o->seed, i, 3);
		char nid[11], lid[16];
		/* 95% have a consent to all members; the rest none (refusals). */
		int consent = rndn(&s, 100) < 95 || i < 2;
		if (i % 500 == 0)
			fprintf(sql, "%sINSERT INTO demo_link VALUES\n",
			    i ? ";\n" : "");
		network_id(i, nid);
		n = patient_facs(g, i, fl);
		for (j = 0; j < n; j++) {
			local_id(i, fl[j], lid);
			fprintf(sql, "%s('%s','%s','%s',%d,%d)",
			    i % 500 == 0 && j == 0 ? "" : ",", g->facs[fl[j]].code,
			    lid, nid, j == 0, consent);
		}
		fputc('\n', sql);
	}
	if (i)
		fprintf(sql, ";\n");
	fprintf(sql,
	    "INSERT IGNORE INTO patient_link (facility_id, local_id, patient_id,"
	    " name, kana, kana_key, sex, birth_date, address, source, linked_at,"
	    " created_at)\n SELECT f.id, d.local_id, p.id, p.name, p.kana,"
	    " p.kana_key, p.sex, p.birth_date, p.address, 'import',"
	    " UTC_TIMESTAMP(6), UTC_TIMESTAMP(6) FROM demo_link d"
	    " JOIN facility f ON f.code = d.code"
	    " JOIN patient p ON p.network_id = d.nid;\n"
	    "INSERT IGNORE INTO consent (patient_id, signed_on, all_disclosing,"
	    " all_viewing, facility_id, registered_at, registered_by, idem,"
	    " status, checked_at)\n SELECT p.id, DATE(UTC_TIMESTAMP()), 1, 1,"
	    " f.id, UTC_TIMESTAMP(6) - INTERVAL 1 DAY,"
	    " COALESCE((SELECT MIN(id) FROM users), 0), SHA2(CONCAT('demo-consent-',"
	    " d.nid), 256), 'checked', UTC_TIMESTAMP(6) FROM demo_link d"
	    " JOIN facility f ON f.code = d.code"
	    " JOIN patient p ON p.network_id = d.nid"
	    " WHERE d.home = 1 AND d.consent = 1;\n"
	    "DROP TEMPORARY TABLE demo_link;\n");
	return ferror(sql) ? -1 : 0;
}

/* Whether facility f's trees are written in this run. */
static int
fac_written(const struct gen *g, size_t f)
{
	return g->write && (g->only == g->o->facilities || g->only == f);
}

/*
 * Writes DIR/std/CODE, DIR/ext/CODE, DIR/region.sql, DIR/facilities.tsv
 * and DIR/bench.tsv (facts the benchmark needs: a typical and the heavy
 * patient). o->only: that facility's two trees and nothing else (only the
 * histories there are made); o->no_trees: the three files and no tree
 * (every history is made, unwritten, for facilities.tsv's counts).
 * Returns 0, or -1 with err set.
 */
int
demo_generate(const struct demo_opts *o, struct demo_stats *st, char *err,
    size_t errlen)
{
	struct gen	 g;
	struct pat	 p;
	char		 path[1200];
	FILE		*sql = NULL, *tsv = NULL;
	size_t		 fl[3], n, j;
	int		 rc = -1;

	memset(&g, 0, sizeof(g));
	g.o = o;
	if (o->patients == 0 || o->facilities == 0 || o->facilities > 999 ||
	    o->years < 1 || o->years > 30) {
		snprintf(err, errlen, "bad sizes");
		return -1;
	}
	if (o->only != NULL && o->no_trees) {
		snprintf(err, errlen, "--only and --no-trees exclude each other");
		return -1;
	}
	if ((g.facs = calloc(o->facilities, sizeof(*g.facs))) == NULL)
		return -1;
	g.only = o->facilities;
	g.write = !o->no_trees;
	for (size_t f = 0; f < o->facilities; f++) {
		snprintf(g.facs[f].code, sizeof(g.facs[f].code), "GEN%03u", (unsigned)(f + 1) % 1000);
		if (o->only != NULL && strcmp(g.facs[f].code, o->only) == 0)
			g.only = f;
		if (str_fmt(g.facs[f].std, sizeof(g.facs[f].std), "%s/std/%s/",
		    o->out, g.facs[f].code) == -1 ||
		    str_fmt(g.facs[f].ext, sizeof(g.facs[f].ext), "%s/ext/%s/",
		    o->out, g.facs[f].code) == -1) {
			snprintf(g.err, sizeof(g.err), "%.200s: path too long",
			    o->out);
			goto out;
		}
	}
	if (o->only != NULL && g.only == o->facilities) {
		snprintf(g.err, sizeof(g.err), "--only %.32s: not one of GEN001"
		    " to %s", o->only, g.facs[o->facilities - 1].code);
		goto out;
	}
	for (size_t f = 0; f < o->facilities; f++) {
		if (fac_written(&g, f) && (mkdirs(g.facs[f].std) == -1 ||
		    mkdirs(g.facs[f].ext) == -1)) {
			snprintf(g.err, sizeof(g.err), "%.200s: cannot create",
			    g.facs[f].std);
			goto out;
		}
	}
	if (o->only == NULL) {
		/* --no-trees made no folder: DIR itself may be missing. */
		if (str_fmt(path, sizeof(path), "%s/region.sql", o->out) == -1 ||
		    mkdirs(path) == -1 || (sql = fopen(path, "w")) == NULL ||
		    write_sql_head(sql, &g) == -1 ||
		    write_sql_patients(sql, &g, &p) == -1) {
			snprintf(g.err, sizeof(g.err), "%.200s: cannot write",
			    path);
			goto out;
		}
	}
	for (size_t i = 0; i < o->patients; i++) {
		uint64_t s = seed_for(o->seed, i, 4);
		n = patient_facs(&g, i, fl);
		/* --only: a patient not known there has nothing to write. */
		for (j = 0; g.only != o->facilities && j < n && fl[j] != g.only;
		    j++)
			;
		if (j == n)
			continue;
		patient_make(&g, i, &p);
		for (j = 0; j < n; j++) {
			/* Home: regular visits; elsewhere: occasional. */
			double rate = j == 0 ? 3.0 + 8.0 * rndf(&s) :
			    0.5 + rndf(&s);
			unsigned long target = i == 0 && j == 0 && o->heavy ?
			    o->heavy : 0;
			/*
			 * Another facility's history draws from its own
			 * stream and counters: skipping it changes nothing
			 * here (the rates above are still drawn in order).
			 */
			if (g.only != o->facilities && fl[j] != g.only)
				continue;
			if (gen_history(&g, fl[j], &p, rate, target) == -1)
				goto out;
		}
	}
	if (o->only != NULL) {
		rc = 0;
		goto out;
	}
	str_fmt(path, sizeof(path), "%s/facilities.tsv", o->out);
	if ((tsv = fopen(path, "w")) == NULL) {
		snprintf(g.err, sizeof(g.err), "%.200s: cannot write", path);
		goto out;
	}
	for (size_t f = 0; f < o->facilities; f++)
		fprintf(tsv, "%s\t%lu\n", g.facs[f].code, g.facs[f].files);
	fclose(tsv);
	str_fmt(path, sizeof(path), "%s/bench.tsv", o->out);
	if ((tsv = fopen(path, "w")) == NULL) {
		snprintf(g.err, sizeof(g.err), "%.200s: cannot write", path);
		goto out;
	}
	{
		char nid[11], lid[16], kana[64], key[256];
		size_t typ = o->patients > 2 ? o->patients / 2 : 0;
		/*
		 * The heavy patient (0), a typical one, one to reach by
		 * emergency, and a quiet one whose access report the
		 * other scenarios do not inflate.
		 */
		for (size_t k = 0; k < 4; k++) {
			size_t idx = k == 0 ? 0 : k == 1 ? typ : k == 2 ?
			    o->patients - 1 : o->patients / 3;
			patient_make(&g, idx, &p);
			network_id(idx, nid);
			patient_facs(&g, idx, fl);
			local_id(idx, fl[0], lid);
			str_copy(kana, p.kana, sizeof(kana));
			*strchr(kana, '^') = ' ';
			if (kana_normalize(kana, key, sizeof(key)) == -1)
				key[0] = '\0';
			fprintf(tsv, "%s\t%s\t%s\t%s\t%s\t%c\t%.4s-%.2s-%.2s\n",
			    k == 0 ? "heavy" : k == 1 ? "typical" : k == 2 ? "last" :
			    "quiet", nid,
			    g.facs[fl[0]].code, lid, p.kana, p.sex, p.birth,
			    p.birth + 4, p.birth + 6);
		}
	}
	fclose(tsv);
	rc = 0;
out:
	if (sql != NULL && fclose(sql) != 0)
		rc = -1;
	st->messages = g.messages;
	st->documents = g.docs;
	st->bytes = g.bytes;
	if (rc == -1)
		snprintf(err, errlen, "%s", g.err[0] ? g.err : "failed");
	free(g.facs);
	return rc;
}
