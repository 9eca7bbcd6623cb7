<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>ApplicantPanel</name>
    <message>
        <location filename="../../ui/applicant_panel.py" line="66" />
        <source>申请人</source>
        <extracomment>what to say about a partly typed value (None while it can still become valid)</extracomment>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="67" />
        <source>自然人(&amp;M)</source>
        <translation>Person (&amp;M)</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="69" />
        <source>企业/组织(&amp;E)</source>
        <translation>Enterprise (&amp;E)</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="88" />
        <source>居民身份证</source>
        <translation>Resident ID card</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="89" />
        <source>港澳台居民居住证</source>
        <translation>HK/Macau/Taiwan residence permit</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="90" />
        <source>外国人永久居留身份证</source>
        <translation>Foreign permanent resident ID card</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="100" />
        <location filename="../../ui/applicant_panel.py" line="190" />
        <source>证件照片</source>
        <translation>Photo</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="109" />
        <location filename="../../ui/applicant_panel.py" line="125" />
        <source>姓名(&amp;N)</source>
        <translation>&amp;Name</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="110" />
        <source>统一社会信用代码</source>
        <translation>Unified social credit code</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="111" />
        <source>法定代表人</source>
        <translation>Legal representative</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="112" />
        <source>证件类型</source>
        <translation>Document</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="113" />
        <location filename="../../ui/applicant_panel.py" line="127" />
        <source>身份证号(&amp;I)</source>
        <translation>&amp;ID number</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="114" />
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="115" />
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="125" />
        <source>单位名称(&amp;N)</source>
        <translation>Organisation &amp;name</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="127" />
        <source>法定代表人身份证号(&amp;I)</source>
        <translation>Legal representative's &amp;ID number</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="145" />
        <source>无照片
（未配置照片解码插件）</source>
        <translation>No photo
(no photo decoder configured)</translation>
    </message>
</context>
<context>
    <name>CaseDetailDialog</name>
    <message>
        <location filename="../../ui/case_detail.py" line="36" />
        <source>听证</source>
        <translation>Hearing</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="37" />
        <source>招标</source>
        <translation>Tendering</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="38" />
        <source>拍卖</source>
        <translation>Auction</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="39" />
        <source>检验</source>
        <translation>Inspection</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="40" />
        <source>检测</source>
        <translation>Testing</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="41" />
        <source>检疫</source>
        <translation>Quarantine</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="42" />
        <source>鉴定</source>
        <translation>Appraisal</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="43" />
        <source>专家评审</source>
        <translation>Expert review</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="74" />
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="74" />
        <source>环节</source>
        <translation>Step</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="74" />
        <source>经办人</source>
        <translation>Handled by</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="74" />
        <source>窗口</source>
        <translation>Window</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="74" />
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="80" />
        <source>理由或说明（不予受理、不予许可、退回、延期、撤回时必填）</source>
        <translation>Reason or note (required to refuse, deny, return, extend or withdraw)</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="95" />
        <source>理由/说明(&amp;R)</source>
        <translation>&amp;Reason / note</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="96" />
        <source>特别程序</source>
        <translation>Special procedure</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="97" />
        <source>延长工作日</source>
        <translation>Extension (working days)</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="113" />
        <source>办件 %1</source>
        <translation>Case %1</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="116" />
        <source>&lt;h3&gt;%1 · %2&lt;/h3&gt;%3 · 申请人：%4（%5）&lt;br&gt;状态：&lt;b&gt;%6&lt;/b&gt; · 当前环节：%7</source>
        <translation>&lt;h3&gt;%1 · %2&lt;/h3&gt;%3 · applicant: %4 (%5)&lt;br&gt;status: &lt;b&gt;%6&lt;/b&gt; · current step: %7</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="127" />
        <source>暂停计时中</source>
        <translation>clock stopped</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="129" />
        <source>本环节已超出环节时限！</source>
        <translation>this step is over its own time limit!</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="133" />
        <source>&lt;span style='color:%1'&gt;&lt;b&gt;%2&lt;/b&gt;&lt;/span&gt; · 承诺 %3 个工作日，应于 %4 前办结 %5</source>
        <translation>&lt;span style='color:%1'&gt;&lt;b&gt;%2&lt;/b&gt;&lt;/span&gt; · %3 working days committed, due by %4 %5</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="172" />
        <source>需补正：</source>
        <translation>To be corrected: </translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="180" />
        <source>延长 %1 个工作日：</source>
        <translation>Extended by %1 working days: </translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="204" />
        <source>受理</source>
        <translation>Accept</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="208" />
        <source>材料已补齐</source>
        <translation>Materials complete</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="212" />
        <source>不予受理</source>
        <translation>Refuse</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="217" />
        <source>恢复计时</source>
        <translation>Resume clock</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="225" />
        <source>延长期限</source>
        <translation>Extend deadline</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="230" />
        <source>发证办结</source>
        <translation>Issue and close</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="235" />
        <source>登记取件</source>
        <translation>Record pick-up</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="243" />
        <source>申请人撤回</source>
        <translation>Withdrawn by applicant</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="261" />
        <source>准予许可</source>
        <translation>Approve</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="265" />
        <source>不予许可</source>
        <translation>Deny</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="274" />
        <source>完成“%1”</source>
        <translation>Complete “%1”</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="282" />
        <source>退回上一环节</source>
        <translation>Return to previous step</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="289" />
        <source>暂停计时</source>
        <translation>Stop clock</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="304" />
        <source>已记录。</source>
        <translation>Recorded.</translation>
    </message>
</context>
<context>
    <name>CaseTableModel</name>
    <message>
        <location filename="../../ui/cases_view.py" line="37" />
        <source>办件编号</source>
        <translation>Case no.</translation>
    </message>
    <message>
        <location filename="../../ui/cases_view.py" line="38" />
        <source>事项</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../ui/cases_view.py" line="39" />
        <source>申请人</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../ui/cases_view.py" line="40" />
        <source>证件号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location filename="../../ui/cases_view.py" line="41" />
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/cases_view.py" line="42" />
        <source>接件时间</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../ui/cases_view.py" line="43" />
        <source>应办结日期</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../ui/cases_view.py" line="44" />
        <source>时限</source>
        <translation>Deadline</translation>
    </message>
</context>
<context>
    <name>CasesView</name>
    <message>
        <location filename="../../ui/cases_view.py" line="96" />
        <source>全部状态</source>
        <translation>All states</translation>
    </message>
    <message>
        <location filename="../../ui/cases_view.py" line="99" />
        <source>只看我接件的(&amp;M)</source>
        <translation>&amp;Mine only</translation>
    </message>
    <message>
        <location filename="../../ui/cases_view.py" line="113" />
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/cases_view.py" line="139" />
        <source>共 %n 件</source>
        <translation>
            <numerusform>%n case(s)</numerusform>
            <numerusform>%n case(s)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CounterWindow</name>
    <message>
        <location filename="../../ui/counter_window.py" line="54" />
        <source>一窗受理 · %1 · %2</source>
        <translation>OneWindow · %1 · %2</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="63" />
        <source>受理 (F2)</source>
        <translation>Intake (F2)</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="64" />
        <source>办件 (F3)</source>
        <translation>Cases (F3)</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="89" />
        <source>%1（%2）· 窗口 %3 · 终端 %4</source>
        <translation>%1 (%2) · window %3 · terminal %4</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="100" />
        <source>正在保存……</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="104" />
        <source>办件(&amp;C)</source>
        <translation>&amp;Cases</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="106" />
        <source>受理新件</source>
        <translation>New intake</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="107" />
        <source>办件列表</source>
        <translation>Case list</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="108" />
        <source>按编号查找办件…</source>
        <translation>Find case by number…</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="109" />
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="110" />
        <source>锁定屏幕</source>
        <translation>Lock screen</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="111" />
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="119" />
        <source>管理(&amp;A)</source>
        <translation>&amp;Administration</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="121" />
        <source>导入事项清单（Excel）…</source>
        <translation>Import item catalog (Excel)…</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="122" />
        <source>导出事项清单（Excel）…</source>
        <translation>Export item catalog (Excel)…</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="123" />
        <source>加载节假日安排…</source>
        <translation>Load holiday schedule…</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="130" />
        <source>导入事项清单</source>
        <translation>Import item catalog</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="135" />
        <source>已导入 %1 个事项</source>
        <translation>%1 items imported</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="140" />
        <source>导出事项清单</source>
        <translation>Export item catalog</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="145" />
        <source>已导出 %1 个事项</source>
        <translation>%1 items exported</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="150" />
        <source>加载节假日安排</source>
        <translation>Load holiday schedule</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="150" />
        <source>节假日安排 (*.json)</source>
        <translation>Holiday schedule (*.json)</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="156" />
        <source>已加载 %1 年节假日安排</source>
        <translation>Holiday schedule for %1 loaded</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="170" />
        <source>读卡器：连接中……</source>
        <translation>Card reader: connecting…</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="185" />
        <source>模拟读卡器(&amp;R)</source>
        <translation>Simulated &amp;reader</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="187" />
        <source>放上：%1</source>
        <translation>Place: %1</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="191" />
        <source>拿开证件</source>
        <translation>Lift the card</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="197" />
        <source>读卡器：就绪（%1）</source>
        <translation>Card reader: ready (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="200" />
        <source>读卡器：不可用，可手工录入（%1）</source>
        <translation>Card reader: unavailable, type the applicant in (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="217" />
        <source>查找办件</source>
        <translation>Find case</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="217" />
        <source>办件编号</source>
        <translation>Case no.</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="269" />
        <source>%1年节假日安排尚未加载，期限暂按周一至周五计算，请尽快加载。</source>
        <translation>The holiday schedule for %1 is not loaded: deadlines count Monday to Friday until it is. Please load it.</translation>
    </message>
</context>
<context>
    <name>IntakePanel</name>
    <message>
        <location filename="../../ui/intake.py" line="61" />
        <location filename="../../ui/intake.py" line="199" />
        <source>请先检索并选择办理事项</source>
        <extracomment>The applicant's document for each kind of card the reader can read.</extracomment>
        <translation>Search for and choose the item first</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="69" />
        <source>补正说明或不予受理理由（不予受理时必填）</source>
        <translation>Correction note or reason for refusal (required to refuse)</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="75" />
        <source>受理 (Ctrl+Enter)</source>
        <translation>Accept (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="76" />
        <source>补正告知 (Ctrl+B)</source>
        <translation>Correction notice (Ctrl+B)</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="77" />
        <source>不予受理 (Ctrl+R)</source>
        <translation>Refuse (Ctrl+R)</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="78" />
        <source>清空 (Ctrl+N)</source>
        <translation>Clear (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="96" />
        <source>办理事项</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="100" />
        <source>申请材料（空格键勾选）</source>
        <translation>Materials (Space to tick)</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="138" />
        <source>当场办结</source>
        <translation>finished on the spot</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="141" />
        <source>承诺 %1 个工作日（法定 %2 个）</source>
        <translation>%1 working days committed (%2 by law)</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="144" />
        <source>不收费</source>
        <translation>free of charge</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="148" />
        <source>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;%2 · %3&lt;br&gt;%4 · %5&lt;br&gt;收费：%6&lt;br&gt;办理地点：%7厅%8楼 %9窗口&lt;br&gt;&lt;small&gt;%10&lt;/small&gt;</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;%2 · %3&lt;br&gt;%4 · %5&lt;br&gt;Fee: %6&lt;br&gt;Where: hall %7, floor %8, window %9&lt;br&gt;&lt;small&gt;%10&lt;/small&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="189" />
        <source>证件已过期（有效期至 %1），请核实后决定是否受理。</source>
        <translation>The document expired (valid to %1): check it, then decide whether to accept.</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="191" />
        <source>已读取证件：%1 %2。</source>
        <translation>Document read: %1 %2.</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="211" />
        <source>所有必需材料均已勾选，无需补正，可直接受理。</source>
        <translation>All required materials are ticked: no correction is needed, the case can be accepted.</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="218" />
        <source>不予受理须写明理由，请在说明栏填写。</source>
        <translation>A refusal needs its reason: please write it in the note field.</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="225" />
        <source>请先选择办理事项。</source>
        <translation>Please choose the item first.</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="234" />
        <source>申请人信息有误，请按提示修改。</source>
        <translation>The applicant data has errors: please correct them as shown.</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="248" />
        <source>办件 %1 已登记：%2。应于 %3 前办结。</source>
        <translation>Case %1 recorded: %2. Due by %3.</translation>
    </message>
</context>
<context>
    <name>ItemSearch</name>
    <message>
        <location filename="../../ui/item_search.py" line="24" />
        <source>输入事项名称、编码或拼音（如 yyzz）</source>
        <translation>Type an item name, code or pinyin (e.g. yyzz)</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../ui/login.py" line="38" />
        <source>一窗受理 · 登录</source>
        <translation>OneWindow · Sign in</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="44" />
        <source>屏幕已锁定，请输入密码解锁</source>
        <translation>Screen locked: type your password to unlock</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="44" />
        <source>窗口受理系统</source>
        <translation>Counter intake system</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="56" />
        <source>解锁</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="56" />
        <source>登录</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="61" />
        <source>用户名(&amp;U)</source>
        <translation>&amp;User name</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="62" />
        <source>密码(&amp;P)</source>
        <translation>&amp;Password</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="75" />
        <source>请输入用户名和密码</source>
        <translation>Please type user name and password</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="83" />
        <source>密码不正确</source>
        <translation>Wrong password</translation>
    </message>
</context>
<context>
    <name>MaterialsChecklist</name>
    <message>
        <location filename="../../ui/materials.py" line="26" />
        <source>原件</source>
        <translation>original</translation>
    </message>
    <message>
        <location filename="../../ui/materials.py" line="26" />
        <source>复印件</source>
        <translation>copy</translation>
    </message>
    <message>
        <location filename="../../ui/materials.py" line="27" />
        <source>必需</source>
        <translation>required</translation>
    </message>
    <message>
        <location filename="../../ui/materials.py" line="27" />
        <source>选填</source>
        <translation>optional</translation>
    </message>
    <message>
        <location filename="../../ui/materials.py" line="29" />
        <source>%1（%2 %3份，%4）</source>
        <translation>%1 (%2, %3 cop., %4)</translation>
    </message>
</context>
<context>
    <name>labels</name>
    <message>
        <location filename="../../ui/labels.py" line="23" />
        <source>待受理</source>
        <translation>Awaiting acceptance</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="24" />
        <source>待补正</source>
        <translation>Awaiting correction</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="25" />
        <source>办理中</source>
        <translation>In progress</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="26" />
        <location filename="../../ui/labels.py" line="70" />
        <source>暂停计时</source>
        <translation>Stop clock</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="27" />
        <source>准予许可</source>
        <translation>Approve</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="28" />
        <source>不予许可</source>
        <translation>Deny</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="29" />
        <source>已办结</source>
        <translation>Issued</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="30" />
        <source>已取件</source>
        <translation>Picked up</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="31" />
        <location filename="../../ui/labels.py" line="67" />
        <source>不予受理</source>
        <translation>Refuse</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="32" />
        <source>已撤回</source>
        <translation>Withdrawn</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="40" />
        <source>即办件</source>
        <translation>On-the-spot</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="41" />
        <source>承诺件</source>
        <translation>Promised</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="42" />
        <source>上报件</source>
        <translation>Sent up</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="43" />
        <source>联办件</source>
        <translation>Joint</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="51" />
        <source>窗口人员</source>
        <translation>Clerk</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="52" />
        <source>首席代表</source>
        <translation>Chief representative</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="53" />
        <source>电子监察</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="54" />
        <source>系统管理员</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="55" />
        <source>自助终端</source>
        <translation>Kiosk</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="63" />
        <source>接件</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="64" />
        <source>受理</source>
        <translation>Accept</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="65" />
        <source>一次性补正告知</source>
        <translation>Correction notice</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="66" />
        <source>补齐材料</source>
        <translation>Materials supplemented</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="68" />
        <source>环节办理完成</source>
        <translation>Step completed</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="69" />
        <source>退回</source>
        <translation>Returned</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="71" />
        <source>恢复计时</source>
        <translation>Resume clock</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="72" />
        <source>延长期限</source>
        <translation>Extend deadline</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="73" />
        <source>作出决定</source>
        <translation>Decided</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="74" />
        <source>发证办结</source>
        <translation>Issue and close</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="75" />
        <source>取件</source>
        <translation>Picked up</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="76" />
        <source>撤回</source>
        <translation>Withdrawn</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="83" />
        <source>超时 %n 个工作日</source>
        <translation>%n working day(s) overdue</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="85" />
        <source>按时办结</source>
        <translation>finished on time</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="87" />
        <source>超时办结</source>
        <translation>finished late</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="88" />
        <source>剩余 %n 个工作日</source>
        <translation>%n working day(s) left</translation>
    </message>
</context>
</TS>