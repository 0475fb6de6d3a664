/**
 * 帮助中心 (SPEC R-32): the user guide of each role and the platform's own FAQ, written for this
 * platform's screens, each step linking to the page it describes. Bureaus add FAQ entries from
 * online consultations (faq_entries); these articles are the fixed part.
 */

export type HelpBlock =
  | { h: string }
  | { p: string }
  | { steps: readonly string[] }
  | { links: readonly { to: string; label: string }[] };

export type HelpAudience = 'professional' | 'unit' | 'department' | 'hrss' | 'base' | 'all';

export interface HelpArticle {
  slug: string;
  kind: 'guide' | 'faq';
  audience: HelpAudience;
  title: string;
  summary: string;
  body: readonly HelpBlock[];
}

export const HELP_AUDIENCE_LABELS: Record<HelpAudience, string> = {
  professional: '专业技术人员',
  unit: '用人单位',
  department: '主管部门',
  hrss: '人社部门',
  base: '继续教育基地',
  all: '所有用户',
};

export const HELP_ARTICLES: readonly HelpArticle[] = [
  // ------------------------------------------------------------------ guides
  {
    slug: 'guide-professional',
    kind: 'guide',
    audience: 'professional',
    title: '专业技术人员使用指南',
    summary: '从注册、登录到申报学时、查看完成情况、打印和共享证书，一次看懂。',
    body: [
      { h: '一、注册' },
      {
        steps: [
          '在首页“管理入口”的“专业技术人员”一栏点击“注册”。',
          '填写身份证号、姓名、手机号并设置密码；在“所在单位”中先选地区，再输入单位名称关键字选中您的单位（单位须已在本平台注册并审核通过）。',
          '填写专业技术职务系列和等级等个人信息后提交。注册申请由您所在单位的管理员审核。',
          '审核结果可在首页“注册审核进度查询”中输入身份证号查看；审核通过前也可以在那里撤回申请。',
        ],
      },
      { links: [{ to: '/register/professional', label: '专业技术人员注册' }, { to: '/progress', label: '注册审核进度查询' }] },
      { h: '二、登录与个人中心' },
      {
        p: '审核通过后，在登录页选择“专业技术人员”，用身份证号和密码登录。登录后进入个人中心，页面上方显示您的证书管理号（一人一号，调转单位也不变），下方是各功能入口；用手机登录时，功能入口在屏幕底部。',
      },
      { links: [{ to: '/login?role=professional', label: '登录' }, { to: '/me', label: '个人中心' }] },
      { h: '三、学时申报' },
      {
        steps: [
          '进入“学时（分）申报”，选择计入年度、计入科目（公需科目或专业科目）和学习形式。',
          '按表单提示填写学习内容、主办单位、起止日期和学时；平台会按《证书管理办法》第七条的标准显示该项的标准学时。',
          '上传证明材料（JPG、PNG 或 PDF），提交后依次由所在单位、主管部门、人社部门审核。',
          '在“申报进度查询”中可以看到每条记录正在哪一级审核；被退回的记录可以修改后重新提交，尚未审核的记录可以撤回。',
        ],
      },
      { links: [{ to: '/me/declare', label: '学时（分）申报' }, { to: '/me/declarations', label: '申报进度查询' }] },
      { h: '四、年度完成情况与证书打印' },
      {
        p: '“年度完成情况”按年度列出已认定的公需、专业学时和该年度的要求。某年度达标并由发证机关签发后，即可下载打印该年度的电子证书，也可以选择起止年度合并打印。证书上的二维码可供任何人扫码验证真伪。',
      },
      { links: [{ to: '/me/completion', label: '年度完成情况' }, { to: '/policies/requirements', label: '各年度学时要求' }] },
      { h: '五、证书共享与在线咨询' },
      {
        p: '评职称时可在“证书共享与查验”中下载可验证凭证或给评审委员会生成共享链接（见下面两篇说明）。遇到问题可以在“在线咨询”中提问，问题首先由您所在单位的管理员答复。',
      },
      {
        links: [
          { to: '/help/verifiable-credential', label: '什么是可验证凭证' },
          { to: '/help/share-link', label: '给评审委员会的共享链接' },
          { to: '/me/consultations', label: '在线咨询' },
        ],
      },
    ],
  },
  {
    slug: 'guide-unit',
    kind: 'guide',
    audience: 'unit',
    title: '用人单位管理员使用指南',
    summary: '单位注册、审核本单位人员的注册和信息变更、初审学时、管理工作部门与管理员、答复咨询。',
    body: [
      { h: '一、单位注册' },
      {
        steps: [
          '在首页“用人单位”一栏点击“注册”，填写单位名称、统一社会信用代码、单位性质等信息，并设置第一位管理员（超级管理员）的账号。',
          '“上级部门”选择您单位的主管部门；没有主管部门的，选择所在地人社部门并勾选“无主管部门”；二级单位可选择上级单位。',
          '提交后由上级部门审核，结果可在“注册审核进度查询”中查看。',
        ],
      },
      { links: [{ to: '/register/unit', label: '用人单位注册' }, { to: '/progress', label: '注册审核进度查询' }] },
      { h: '二、日常审核' },
      {
        steps: [
          '“人员注册审核”：核对本单位专业技术人员的注册信息，可逐个或批量通过。',
          '“信息变更审核”：审核人员修改姓名、身份证号（附身份证照片）和专业技术职务的申请。',
          '“调转审核”：办理人员调入、调出本单位。',
          '“学时审核”：对本单位人员申报的学时进行初审，通过后送主管部门；不通过须写明原因，退回本人修改。',
        ],
      },
      {
        links: [
          { to: '/admin/professional-registrations', label: '人员注册审核' },
          { to: '/admin/professional-changes', label: '信息变更审核' },
          { to: '/admin/transfers', label: '调转审核' },
          { to: '/admin/declarations', label: '学时审核' },
        ],
      },
      { h: '三、人员、工作部门和管理员' },
      {
        p: '“人员管理”可按姓名、身份证号、工作部门查询本单位人员并重置其密码。人员较多的单位可以在“工作部门”中建立科室或院系，再在“管理员”“角色管理”中增加管理员、分配权限，并限定某位管理员只管理某些工作部门。',
      },
      {
        links: [
          { to: '/admin/professionals', label: '人员管理' },
          { to: '/admin/work-departments', label: '工作部门' },
          { to: '/admin/admins', label: '管理员' },
          { to: '/admin/roles', label: '角色管理' },
        ],
      },
      { h: '四、查询统计与在线咨询' },
      {
        p: '“查询统计”显示本单位各年度的达标人数、达标率和未达标名单，可导出 Excel 督促未达标人员。本单位人员在“在线咨询”中提的问题会出现在“在线咨询”待答复列表里：能答复的直接答复，本单位无法答复的可“转上级机构办理”。',
      },
      { links: [{ to: '/admin/statistics', label: '查询统计' }, { to: '/admin/consultations', label: '在线咨询' }] },
    ],
  },
  {
    slug: 'guide-department',
    kind: 'guide',
    audience: 'department',
    title: '主管部门管理员使用指南',
    summary: '主管部门注册、审核所属单位、审核专业科目学时、发布本系统通知、答复咨询。',
    body: [
      { h: '一、注册与审核所属单位' },
      {
        p: '主管部门在同级人社部门下注册，审核通过后即可登录。所属单位在本部门下注册后，由本部门在“注册审核”中审核；“机构管理”列出本部门下的全部单位，“单位变更审核”处理单位更换上级部门和修改单位信息的申请。',
      },
      {
        links: [
          { to: '/register/department', label: '主管部门注册' },
          { to: '/admin/registrations', label: '注册审核' },
          { to: '/admin/organisations', label: '机构管理' },
          { to: '/admin/org-changes', label: '单位变更审核' },
        ],
      },
      { h: '二、学时审核' },
      {
        p: '单位初审通过的学时记录进入本部门的“学时审核”列表。专业科目学时由行业主管部门审核认定，请重点核对学习内容与专业是否相关、证明材料是否齐全。',
      },
      { links: [{ to: '/admin/declarations', label: '学时审核' }] },
      { h: '三、通知公告' },
      {
        steps: [
          '在“通知公告”中点击“新建通知”，填写标题和正文，可上传 PDF、图片附件，先保存为草稿。',
          '确认无误后点击“发布”。主管部门发布的通知只有本部门所属单位及其人员登录后能看到。',
          '已发布的通知需要修改时，先“撤回”再编辑、重新发布；重要通知可以“置顶”。',
        ],
      },
      { links: [{ to: '/admin/notices', label: '通知公告管理' }] },
      { h: '四、查询统计与在线咨询' },
      {
        p: '“查询统计”可从本部门逐级查看到每个单位的达标情况。所属单位转来的咨询出现在“在线咨询”待答复列表中。',
      },
      { links: [{ to: '/admin/statistics', label: '查询统计' }, { to: '/admin/consultations', label: '在线咨询' }] },
    ],
  },
  {
    slug: 'guide-hrss',
    kind: 'guide',
    audience: 'hrss',
    title: '人社部门管理员使用指南',
    summary: '学时备案与抽查审验、申报设置、电子签章与证书、通知公告、常见问题、审计日志。',
    body: [
      { h: '一、账号' },
      {
        p: '人社部门的管理员账号由上一级人社部门在“管理员”中创建；省人社厅的第一个账号由平台运维人员创建。登录时选择“人社部门”。',
      },
      { h: '二、学时审核与抽查审验' },
      {
        p: '学时记录经单位、主管部门审核后到达人社部门，人社部门审核通过即为备案，学时计入年度完成情况。“抽查审验”可按比例随机抽取已备案的记录复核，发现问题可撤销。',
      },
      { links: [{ to: '/admin/declarations', label: '学时审核' }, { to: '/admin/sampling', label: '抽查审验' }] },
      { h: '三、申报设置与往年补报' },
      {
        p: '省人社厅在“申报设置”中设置各年度的申报时间和各学习形式的学时上限；需要为个别人员开放往年补报的，在“往年补报”中办理。',
      },
      { links: [{ to: '/admin/declaration-settings', label: '申报设置' }, { to: '/admin/declaration-openings', label: '往年补报' }] },
      { h: '四、电子签章与证书' },
      {
        p: '省辖市、省直管县（市）人社部门须在“电子签章”中提交签章启用申请，经省人社厅在“签章审批”中审批后，本地区达标人员的电子证书才会加盖本部门的专用章签发。“证书查询”可单个或批量查询证书；原纸质证书上的学时在“学时转登”中录入。',
      },
      {
        links: [
          { to: '/admin/seal', label: '电子签章' },
          { to: '/admin/seal-applications', label: '签章审批' },
          { to: '/admin/certificates', label: '证书查询' },
          { to: '/admin/historical-hours', label: '学时转登' },
        ],
      },
      { h: '五、通知公告、在线咨询和常见问题' },
      {
        steps: [
          '在“通知公告”中新建、发布通知。省人社厅的通知显示在门户首页；市、县人社部门的通知在访客选择该市时显示，本地区的单位和人员登录后也会在首页看到。',
          '在“在线咨询”中答复本部门收到或下级转来的咨询。',
          '遇到有代表性的问题，在咨询详情中点击“发布到常见问题”，把问题和答复改写成通用的说法（去掉姓名等个人信息）后发布，所有人都能在帮助中心搜到。',
        ],
      },
      { links: [{ to: '/admin/notices', label: '通知公告管理' }, { to: '/admin/consultations', label: '在线咨询' }, { to: '/help', label: '帮助中心' }] },
      { h: '六、查询统计与审计日志' },
      {
        p: '“查询统计”按地区、单位、职称系列统计本地区的达标情况并可导出；“审计日志”记录本地区每一次审核、撤销、密码重置等操作，谁、何时、从哪里操作都可以追查。',
      },
      { links: [{ to: '/admin/statistics', label: '查询统计' }, { to: '/admin/audit', label: '审计日志' }] },
    ],
  },
  {
    slug: 'guide-base',
    kind: 'guide',
    audience: 'base',
    title: '继续教育基地使用指南',
    summary: '基地注册、登录和管理员设置。',
    body: [
      {
        p: '继续教育基地在所在地人社部门下注册：在首页“继续教育基地”一栏点击“注册”，填写基地信息并设置第一位管理员账号，由人社部门审核。审核通过后选择“继续教育基地”登录，可在“管理员”中增加本基地的管理员。',
      },
      { links: [{ to: '/register/base', label: '继续教育基地注册' }, { to: '/progress', label: '注册审核进度查询' }, { to: '/login?role=base', label: '登录' }] },
    ],
  },
  {
    slug: 'verifiable-credential',
    kind: 'guide',
    audience: 'professional',
    title: '什么是“可验证凭证”，怎么下载和使用',
    summary: '一个由发证机关数字签名的电子证书文件，发给任何单位都能核验真伪。',
    body: [
      {
        p: '可验证凭证是您某一年度继续教育证书的电子文件（.jwt 格式，国际通用的 W3C 可验证凭证标准）。文件里写着您的姓名、证书管理号、脱敏后的身份证号、该年度公需和专业科目的学时以及发证机关，并由发证机关用与证书二维码相同的密钥做了数字签名。',
      },
      { h: '怎么下载' },
      {
        steps: [
          '登录后进入“证书共享与查验”。',
          '在“可验证凭证”中找到已通过并已发证的年度，点击“下载可验证凭证”，保存得到的 .jwt 文件。',
          '还没有达标或还没有发证的年度不能下载。',
        ],
      },
      { links: [{ to: '/me/sharing', label: '证书共享与查验' }] },
      { h: '对方怎么核验' },
      {
        p: '把文件发给需要的单位。对方打开本平台的“证书验证”页，把文件里的全部文字（以 eyJ 开头的一长串字符）粘贴进去即可看到结果：有效、已被发证机关撤销，或无效（内容被改动过哪怕一个字符、或者不是发证机关签发的）。懂技术的单位也可以用平台公布的公钥自行核验，不必联网访问本平台。',
      },
      { links: [{ to: '/verify', label: '证书验证' }] },
      { h: '安全吗' },
      {
        p: '凭证里只有上面列出的信息，没有手机号、单位以外的个人资料。文件可以复制，但任何改动都会让核验失败；若发证机关撤销了该年度证书，核验结果会显示“已撤销”。',
      },
    ],
  },
  {
    slug: 'share-link',
    kind: 'guide',
    audience: 'professional',
    title: '给职称评审委员会生成“共享链接”',
    summary: '评审专家不用登录，点开链接就能看到您所选年度的学时记录和证书状态。',
    body: [
      {
        p: '申报职称时，评审委员会或用人单位常常需要核实您历年的继续教育情况。共享链接让对方直接查看平台上的实时记录，不需要您逐年打印。',
      },
      { h: '怎么生成' },
      {
        steps: [
          '登录后进入“证书共享与查验”，在“生成共享链接”中填写接收单位名称，例如“河南省中小学教师高级职称评审委员会”。',
          '选择要共享的起始年度和截止年度，以及有效天数（1—90 天）。',
          '选择身份证号“脱敏显示（推荐）”或“显示完整号码”。',
          '点击“创建共享链接”，再点“复制链接”，把链接发给对方。',
        ],
      },
      { links: [{ to: '/me/sharing', label: '证书共享与查验' }] },
      { h: '对方看到什么' },
      {
        p: '对方打开形如 /share/… 的链接后，看到的是所选年度审核通过的学时记录（学习形式、来源、审核日期）和每个年度证书的状态，并可以打印。看不到您的手机号、证件照片和其他年度的记录。',
      },
      { h: '随时撤销，查看记录' },
      {
        p: '在“我的共享链接”中可以随时撤销，撤销或过期后链接就打不开了。“谁查看了我的证书”会记录每次打开链接、扫码验证或查询您证书的时间、方式、对方 IP 的前半段和浏览器类型，只有您本人能看到，保留 180 天。',
      },
    ],
  },
  {
    slug: 'verify-certificate',
    kind: 'guide',
    audience: 'all',
    title: '如何查询和验证一份继续教育证书',
    summary: '按证书管理号或身份证号加姓名查询，或扫描证书二维码验证真伪。',
    body: [
      {
        steps: [
          '用手机相机或微信“扫一扫”扫描证书上的二维码，会自动打开本平台的“证书验证”页并显示结果。',
          '已经识别出二维码文字的，也可以打开“证书验证”页，在“手动输入二维码内容”中粘贴验证。',
          '在“证书查询”页输入证书管理号，或身份证号加姓名，可查看该证书各年度的状态和学时。',
        ],
      },
      { links: [{ to: '/verify', label: '证书验证' }, { to: '/certificates', label: '证书查询' }] },
      { p: '对证书真伪有疑问的，请联系证书上的发证单位核实。' },
    ],
  },
  // ------------------------------------------------------------------ FAQ
  {
    slug: 'faq-forgot-password',
    kind: 'faq',
    audience: 'all',
    title: '忘记密码怎么办？',
    summary: '用注册时的手机号或邮箱找回，或请管理员重置。',
    body: [
      { p: '在登录页点击“忘记密码”，按提示用注册时留的手机号或电子邮箱接收验证码后设置新密码。不记得注册时的手机号或邮箱的，可请所在单位的管理员在“人员管理”中重置密码（重置后的密码为身份证号后六位），登录后须先修改密码。连续输错 5 次密码账号会被锁定 30 分钟。' },
      { links: [{ to: '/forgot-password', label: '找回密码' }] },
    ],
  },
  {
    slug: 'faq-registration-pending',
    kind: 'faq',
    audience: 'all',
    title: '注册后一直不能登录？',
    summary: '注册须经上级机构人工审核，先查进度。',
    body: [
      { p: '每一级注册都由上级机构的管理员人工审核：个人由所在单位审核，单位由主管部门（或人社部门）审核。在“注册审核进度查询”中可以看到由哪个机构审核、是否已通过；被退回的会显示原因。长时间没有审核的，请直接联系审核机构。' },
      { links: [{ to: '/progress', label: '注册审核进度查询' }] },
    ],
  },
  {
    slug: 'faq-requirements',
    kind: 'faq',
    audience: 'all',
    title: '每年要完成多少学时？',
    summary: '2018 年起每年 90 学时：公需 30、专业 60。',
    body: [
      { p: '2018 年起不分地区，每年总学时 90 学时，其中公需科目 30 学时、专业科目 60 学时。此前年度的要求因地区和职称等级不同，详见“各年度学时要求”。年度内因境外工作、病假超过 6 个月或生育等情况，可按实际在岗时间折算。' },
      { links: [{ to: '/policies/requirements', label: '各年度学时要求' }] },
    ],
  },
  {
    slug: 'faq-certificate-not-printable',
    kind: 'faq',
    audience: 'professional',
    title: '为什么我的证书不能打印？',
    summary: '年度未达标、学时还在审核，或发证机关尚未启用电子签章。',
    body: [
      { p: '证书只有在该年度公需和专业科目学时都达标、全部审核备案后才能打印。请在“年度完成情况”中查看还差多少学时，在“申报进度查询”中查看是否有记录仍在审核或被退回。如果学时已达标仍不能打印，可能是您所在地区的人社部门尚未启用电子签章，请在“在线咨询”中提问。' },
      { links: [{ to: '/me/completion', label: '年度完成情况' }, { to: '/me/declarations', label: '申报进度查询' }, { to: '/me/consultations', label: '在线咨询' }] },
    ],
  },
  {
    slug: 'faq-transfer-number',
    kind: 'faq',
    audience: 'professional',
    title: '调换工作单位后证书管理号会变吗？以前的学时还在吗？',
    summary: '不会变，学时记录随人走。',
    body: [
      { p: '证书管理号一人一号，在第一次注册时生成，调转单位、修改身份证号都不会改变。调转在“用户资料管理”的“单位调转”中申请，新旧单位审核后，您以前的学时记录和证书都保留在原处。' },
      { links: [{ to: '/me/profile?tab=transfer', label: '单位调转' }] },
    ],
  },
  {
    slug: 'faq-declaration-rejected',
    kind: 'faq',
    audience: 'professional',
    title: '学时申报被退回了怎么办？',
    summary: '看退回原因，修改后重新提交同一条记录。',
    body: [
      { p: '在“申报进度查询”中打开被退回的记录，可以看到哪一级、因为什么原因退回。按原因补充证明材料或更正内容后重新提交即可，不需要新建记录；记录会从第一级重新审核。' },
      { links: [{ to: '/me/declarations', label: '申报进度查询' }] },
    ],
  },
];

export const helpArticle = (slug: string) => HELP_ARTICLES.find((a) => a.slug === slug);

/** The plain text of an article, for searching. */
export function helpArticleText(a: HelpArticle): string {
  const parts: string[] = [a.title, a.summary];
  for (const b of a.body) {
    if ('h' in b) parts.push(b.h);
    else if ('p' in b) parts.push(b.p);
    else if ('steps' in b) parts.push(...b.steps);
    else parts.push(...b.links.map((l) => l.label));
  }
  return parts.join('\n');
}

/** Articles matching every word of a query (spaces separate words), in their order above. */
export function searchHelp(query: string, articles: readonly HelpArticle[] = HELP_ARTICLES): HelpArticle[] {
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...articles];
  return articles.filter((a) => {
    const text = helpArticleText(a).toLowerCase();
    return words.every((w) => text.includes(w));
  });
}
