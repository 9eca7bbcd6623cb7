<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>ApplicantPanel</name>
    <message>
        <location filename="../../ui/applicant_panel.py" line="65"/>
        <source>申请人</source>
        <extracomment>what to say about a partly typed value (None while it can still become valid)</extracomment>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="66"/>
        <source>自然人(&amp;M)</source>
        <translation>Person (&amp;M)</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="68"/>
        <source>企业/组织(&amp;E)</source>
        <translation>Enterprise (&amp;E)</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="87"/>
        <source>居民身份证</source>
        <translation>Resident ID card</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="88"/>
        <source>港澳台居民居住证</source>
        <translation>HK/Macau/Taiwan residence permit</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="89"/>
        <source>外国人永久居留身份证</source>
        <translation>Foreign permanent resident ID card</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="99"/>
        <location filename="../../ui/applicant_panel.py" line="189"/>
        <source>证件照片</source>
        <translation>Photo</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="108"/>
        <location filename="../../ui/applicant_panel.py" line="124"/>
        <source>姓名(&amp;N)</source>
        <translation>&amp;Name</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="109"/>
        <source>统一社会信用代码</source>
        <translation>Unified social credit code</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="110"/>
        <source>法定代表人</source>
        <translation>Legal representative</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="111"/>
        <source>证件类型</source>
        <translation>Document</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="112"/>
        <location filename="../../ui/applicant_panel.py" line="126"/>
        <source>身份证号(&amp;I)</source>
        <translation>&amp;ID number</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="113"/>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="114"/>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="124"/>
        <source>单位名称(&amp;N)</source>
        <translation>Organisation &amp;name</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="126"/>
        <source>法定代表人身份证号(&amp;I)</source>
        <translation>Legal representative&apos;s &amp;ID number</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="144"/>
        <source>无照片
（未配置照片解码插件）</source>
        <translation>No photo
(no photo decoder configured)</translation>
    </message>
</context>
<context>
    <name>CaseDetailDialog</name>
    <message>
        <location filename="../../ui/case_detail.py" line="52"/>
        <source>听证</source>
        <translation>Hearing</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="53"/>
        <source>招标</source>
        <translation>Tendering</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="54"/>
        <source>拍卖</source>
        <translation>Auction</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="55"/>
        <source>检验</source>
        <translation>Inspection</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="56"/>
        <source>检测</source>
        <translation>Testing</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="57"/>
        <source>检疫</source>
        <translation>Quarantine</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="58"/>
        <source>鉴定</source>
        <translation>Appraisal</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="59"/>
        <source>专家评审</source>
        <translation>Expert review</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="124"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="124"/>
        <source>环节</source>
        <translation>Step</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="124"/>
        <source>经办人</source>
        <translation>Handled by</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="124"/>
        <source>窗口</source>
        <translation>Window</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="124"/>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="130"/>
        <source>理由或说明（不予受理、不予许可、退回、延期、撤回时必填）</source>
        <translation>Reason or note (required to refuse, deny, return, extend or withdraw)</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="149"/>
        <source>理由/说明(&amp;R)</source>
        <translation>&amp;Reason / note</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="150"/>
        <source>特别程序</source>
        <translation>Special procedure</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="151"/>
        <source>延长工作日</source>
        <translation>Extension (working days)</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="155"/>
        <source>凭条与通知书 (Alt+P)</source>
        <translation>Slips and notices (Alt+P)</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="179"/>
        <source>办件 %1</source>
        <translation>Case %1</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="181"/>
        <source>&lt;br&gt;统一社会信用代码：&lt;b&gt;%1&lt;/b&gt;</source>
        <translation>&lt;br&gt;Unified social credit code: &lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="187"/>
        <source>&lt;h3&gt;%1 · %2&lt;/h3&gt;%3 · 申请人：%4（%5）&lt;br&gt;状态：&lt;b&gt;%6&lt;/b&gt; · 当前环节：%7</source>
        <translation>&lt;h3&gt;%1 · %2&lt;/h3&gt;%3 · applicant: %4 (%5)&lt;br&gt;status: &lt;b&gt;%6&lt;/b&gt; · current step: %7</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="200"/>
        <source>暂停计时中</source>
        <translation>clock stopped</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="202"/>
        <source>本环节已超出环节时限！</source>
        <translation>this step is over its own time limit!</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="211"/>
        <source>&lt;span style=&apos;color:%1&apos;&gt;&lt;b&gt;%2&lt;/b&gt;&lt;/span&gt; · %3 %4</source>
        <translation>&lt;span style=&apos;color:%1&apos;&gt;&lt;b&gt;%2&lt;/b&gt;&lt;/span&gt; · %3 %4</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="242"/>
        <source>一表制子件：总件 &lt;a href=&apos;case:%1&apos;&gt;%1&lt;/a&gt;（%2），结果由受理窗口统一发证</source>
        <translation>Part of a one-form application: parent &lt;a href=&apos;case:%1&apos;&gt;%1&lt;/a&gt; (%2); results are issued together at the accepting window</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="252"/>
        <source>一表制申请：%1 个部门并联审批，已准予 %2 个；双击一行查看该部门的子件</source>
        <translation>One-form application: %1 departments in parallel, %2 approved; double-click a row to open that department&apos;s case</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="266"/>
        <source>（准予）</source>
        <translation> (approved)</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="266"/>
        <source>（不予）</source>
        <translation> (denied)</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="273"/>
        <source>需补正：</source>
        <translation>To be corrected: </translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="281"/>
        <source>延长 %1 个工作日：</source>
        <translation>Extended by %1 working days: </translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="285"/>
        <source>%1 在%2，%3：%4</source>
        <translation>%1 at %2, %3: %4</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="304"/>
        <source>%1（%2）集体决策：%3</source>
        <translation>Collective decision by %1 (%2): %3</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="311"/>
        <source>统一社会信用代码 %1</source>
        <translation>Unified social credit code %1</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="357"/>
        <source>受理</source>
        <translation>Accept</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="364"/>
        <source>材料已补齐</source>
        <translation>Materials complete</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="372"/>
        <source>不予受理</source>
        <translation>Refuse</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="382"/>
        <source>恢复计时</source>
        <translation>Resume clock</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="391"/>
        <source>延长期限</source>
        <translation>Extend deadline</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="397"/>
        <source>发证办结</source>
        <translation>Issue and close</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="404"/>
        <source>登记取件</source>
        <translation>Record pick-up</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="410"/>
        <source>申请人撤回</source>
        <translation>Withdrawn by applicant</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="410"/>
        <source>撤回全部申请</source>
        <translation>Withdraw the whole application</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="420"/>
        <source>统一发证</source>
        <translation>Issue all together</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="433"/>
        <source>“%1”须由首席代表决定。</source>
        <translation>“%1” is decided by the chief representative.</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="435"/>
        <source>准予许可</source>
        <translation>Approve</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="437"/>
        <source>不予许可</source>
        <translation>Deny</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="444"/>
        <source>完成“%1”</source>
        <translation>Complete “%1”</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="449"/>
        <source>退回上一环节</source>
        <translation>Return to previous step</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="456"/>
        <source>暂停计时</source>
        <translation>Stop clock</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="522"/>
        <source>已记录。</source>
        <translation>Recorded.</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="394"/>
        <source>已超出办理期限，不能再延长（第四十二条：延长须在原期限内决定）</source>
        <translation>The time limit has run out: it can no longer be extended (Art. 42: an extension is decided within the limit).</translation>
    </message>
</context>
<context>
    <name>CaseTableModel</name>
    <message>
        <location filename="../../ui/cases_view.py" line="40"/>
        <source>办件编号</source>
        <extracomment>Every column a case list can show, by key, with its header.</extracomment>
        <translation>Case no.</translation>
    </message>
    <message>
        <location filename="../../ui/cases_view.py" line="41"/>
        <source>事项</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../ui/cases_view.py" line="42"/>
        <source>申请人</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../ui/cases_view.py" line="43"/>
        <source>证件号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location filename="../../ui/cases_view.py" line="44"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/cases_view.py" line="45"/>
        <source>接件时间</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../ui/cases_view.py" line="46"/>
        <source>应办结日期</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../ui/cases_view.py" line="47"/>
        <source>时限</source>
        <translation>Deadline</translation>
    </message>
</context>
<context>
    <name>CasesView</name>
    <message>
        <location filename="../../ui/cases_view.py" line="121"/>
        <source>全部状态</source>
        <translation>All states</translation>
    </message>
    <message>
        <location filename="../../ui/cases_view.py" line="124"/>
        <source>只看我接件的(&amp;M)</source>
        <translation>&amp;Mine only</translation>
    </message>
    <message>
        <location filename="../../ui/cases_view.py" line="138"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/cases_view.py" line="164"/>
        <source>共 %n 件</source>
        <translation>
            <numerusform>%n case(s)</numerusform>
            <numerusform>%n case(s)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ChiefDesk</name>
    <message>
        <location filename="../../ui/chief_desk.py" line="204"/>
        <source>没有等待您决定的办件。</source>
        <translation>No cases are waiting for your decision.</translation>
    </message>
    <message>
        <location filename="../../ui/chief_desk.py" line="212"/>
        <source>理由：不予许可、延长期限时必填，将写入决定书或告知书，申请人会看到</source>
        <translation>Reason: required to deny or extend; it goes into the decision or notice the applicant reads</translation>
    </message>
    <message>
        <location filename="../../ui/chief_desk.py" line="214"/>
        <source>准予 (Alt+Y)</source>
        <translation>Approve (Alt+Y)</translation>
    </message>
    <message>
        <location filename="../../ui/chief_desk.py" line="215"/>
        <source>不予许可 (Alt+N)</source>
        <translation>Deny (Alt+N)</translation>
    </message>
    <message>
        <location filename="../../ui/chief_desk.py" line="217"/>
        <location filename="../../ui/chief_desk.py" line="387"/>
        <source>集体决策… (Alt+J)</source>
        <translation>Collective decision… (Alt+J)</translation>
    </message>
    <message>
        <location filename="../../ui/chief_desk.py" line="223"/>
        <source> 个工作日</source>
        <translation> working days</translation>
    </message>
    <message>
        <location filename="../../ui/chief_desk.py" line="224"/>
        <source>延长期限 (Alt+E)</source>
        <translation>Extend (Alt+E)</translation>
    </message>
    <message>
        <location filename="../../ui/chief_desk.py" line="243"/>
        <source>&lt;b&gt;待我决定&lt;/b&gt; · 仅列出您获授权审批的事项，按应办结日期排序</source>
        <translation>&lt;b&gt;Awaiting my decision&lt;/b&gt; · only items you are authorised to decide, by due date</translation>
    </message>
    <message>
        <location filename="../../ui/chief_desk.py" line="245"/>
        <source>刷新 (F5)</source>
        <translation>Refresh (F5)</translation>
    </message>
    <message>
        <location filename="../../ui/chief_desk.py" line="266"/>
        <source>决定</source>
        <translation>Decision</translation>
    </message>
    <message>
        <location filename="../../ui/chief_desk.py" line="274"/>
        <source>延长</source>
        <translation>Extend by</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/chief_desk.py" line="321"/>
        <source>共 %n 件</source>
        <translation>
            <numerusform>%n case</numerusform>
            <numerusform>%n cases</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/chief_desk.py" line="387"/>
        <source>须集体决策… (Alt+J)</source>
        <translation>Collective decision required… (Alt+J)</translation>
    </message>
    <message>
        <location filename="../../ui/chief_desk.py" line="402"/>
        <source>（法定代表人 %1）</source>
        <translation> (legal representative %1)</translation>
    </message>
    <message>
        <location filename="../../ui/chief_desk.py" line="406"/>
        <source>申请人：%1 · 证件号码 %2</source>
        <translation>Applicant: %1 · ID %2</translation>
    </message>
    <message>
        <location filename="../../ui/chief_desk.py" line="414"/>
        <source>接件：%1 · %2 · %3</source>
        <translation>Received %1 · %2 · %3</translation>
    </message>
    <message>
        <location filename="../../ui/chief_desk.py" line="416"/>
        <source>承办部门：%1 · 决定环节：%2%3</source>
        <translation>Department: %1 · decision step: %2%3</translation>
    </message>
    <message>
        <location filename="../../ui/chief_desk.py" line="419"/>
        <source>（须集体决策，录入会议记录）</source>
        <translation> (collective decision: record the meeting)</translation>
    </message>
    <message>
        <location filename="../../ui/chief_desk.py" line="423"/>
        <source>已延长 %1 个工作日（只可延长一次）</source>
        <translation>Extended by %1 working days (only once)</translation>
    </message>
    <message>
        <location filename="../../ui/chief_desk.py" line="427"/>
        <source>一表制子件：总件 %1（%2），准予后由受理窗口统一发证</source>
        <translation>Part of one-form application %1 (%2); once approved, issued together at the accepting window</translation>
    </message>
    <message>
        <location filename="../../ui/chief_desk.py" line="435"/>
        <source>本件当前不在决定环节，不能作出决定。</source>
        <translation>This case is not at its decision step.</translation>
    </message>
    <message>
        <location filename="../../ui/chief_desk.py" line="451"/>
        <source>不予许可须写明理由：申请人将在决定书中看到。</source>
        <translation>A denial needs a reason: the applicant reads it in the decision.</translation>
    </message>
    <message>
        <location filename="../../ui/chief_desk.py" line="483"/>
        <source>延长期限须写明理由：将书面告知申请人。</source>
        <translation>An extension needs a reason: the applicant is told in writing.</translation>
    </message>
    <message>
        <location filename="../../ui/chief_desk.py" line="504"/>
        <source>已延长 %1 个工作日，应于 %2 前办结。请将延长期限告知书交申请人。</source>
        <translation>Extended by %1 working days, due by %2. Give the applicant the extension notice.</translation>
    </message>
    <message>
        <location filename="../../ui/chief_desk.py" line="510"/>
        <source>已准予许可：%1。</source>
        <translation>Approved: %1.</translation>
    </message>
    <message>
        <location filename="../../ui/chief_desk.py" line="512"/>
        <source>统一社会信用代码：%1。</source>
        <translation>Unified social credit code: %1.</translation>
    </message>
    <message>
        <location filename="../../ui/chief_desk.py" line="515"/>
        <source>已不予许可：%1。</source>
        <translation>Denied: %1.</translation>
    </message>
    <message>
        <location filename="../../ui/chief_desk.py" line="430"/>
        <source>已超出办理期限，不能再延长（第四十二条：延长须在原期限内决定）</source>
        <translation>The time limit has run out: it can no longer be extended (Art. 42: an extension is decided within the limit).</translation>
    </message>
</context>
<context>
    <name>CollectiveDecisionDialog</name>
    <message>
        <location filename="../../ui/step_record.py" line="193"/>
        <source>集体决策：%1</source>
        <translation>Collective decision: %1</translation>
    </message>
    <message>
        <location filename="../../ui/step_record.py" line="195"/>
        <source>录入会议记录和集体决策的结果；决定书将写明由该机构集体讨论作出。</source>
        <translation>Record the meeting and its outcome; the decision will state it was made collectively by this body.</translation>
    </message>
    <message>
        <location filename="../../ui/step_record.py" line="197"/>
        <source>准予许可</source>
        <translation>Approve</translation>
    </message>
    <message>
        <location filename="../../ui/step_record.py" line="199"/>
        <source>不予许可</source>
        <translation>Deny</translation>
    </message>
    <message>
        <location filename="../../ui/step_record.py" line="213"/>
        <source>不予许可的理由（申请人将在决定书中看到）</source>
        <translation>Reason for the denial (the applicant reads it in the decision)</translation>
    </message>
    <message>
        <location filename="../../ui/step_record.py" line="214"/>
        <source>决定</source>
        <translation>Decision</translation>
    </message>
    <message>
        <location filename="../../ui/step_record.py" line="215"/>
        <source>理由</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../ui/step_record.py" line="216"/>
        <source>记录并作出决定 (Ctrl+Enter)</source>
        <translation>Record and decide (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/step_record.py" line="232"/>
        <source>不予许可须写明理由。</source>
        <translation>A denial needs a reason.</translation>
    </message>
</context>
<context>
    <name>CounterWindow</name>
    <message>
        <location filename="../../ui/counter_window.py" line="62"/>
        <source>一窗受理 · %1 · %2</source>
        <translation>OneWindow · %1 · %2</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="71"/>
        <source>受理 (F2)</source>
        <translation>Intake (F2)</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="72"/>
        <source>办件 (F3)</source>
        <translation>Cases (F3)</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="76"/>
        <location filename="../../ui/counter_window.py" line="255"/>
        <source>待我决定 (F4)</source>
        <translation>My decisions (F4)</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="105"/>
        <source>%1（%2）· 窗口 %3 · 终端 %4</source>
        <translation>%1 (%2) · window %3 · terminal %4</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="120"/>
        <source>正在保存……</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="124"/>
        <source>办件(&amp;C)</source>
        <translation>&amp;Cases</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="126"/>
        <source>受理新件</source>
        <translation>New intake</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="127"/>
        <source>办件列表</source>
        <translation>Case list</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="128"/>
        <source>待我决定</source>
        <translation>My decisions</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="129"/>
        <source>按编号查找办件…</source>
        <translation>Find case by number…</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="130"/>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="131"/>
        <source>锁定屏幕</source>
        <translation>Lock screen</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="132"/>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="142"/>
        <source>同步(&amp;S)</source>
        <translation>&amp;Sync</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="143"/>
        <source>立即同步</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="148"/>
        <source>同步隔离区…</source>
        <translation>Sync quarantine…</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="154"/>
        <source>管理(&amp;A)</source>
        <translation>&amp;Administration</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="156"/>
        <source>导入事项清单（Excel）…</source>
        <translation>Import item catalog (Excel)…</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="157"/>
        <source>导出事项清单（Excel）…</source>
        <translation>Export item catalog (Excel)…</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="158"/>
        <source>加载节假日安排…</source>
        <translation>Load holiday schedule…</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="165"/>
        <source>导入事项清单</source>
        <translation>Import item catalog</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="170"/>
        <source>已导入 %1 个事项</source>
        <translation>%1 items imported</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="175"/>
        <source>导出事项清单</source>
        <translation>Export item catalog</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="180"/>
        <source>已导出 %1 个事项</source>
        <translation>%1 items exported</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="185"/>
        <source>加载节假日安排</source>
        <translation>Load holiday schedule</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="185"/>
        <source>节假日安排 (*.json)</source>
        <translation>Holiday schedule (*.json)</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="191"/>
        <source>已加载 %1 年节假日安排</source>
        <translation>Holiday schedule for %1 loaded</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="205"/>
        <source>读卡器：连接中……</source>
        <translation>Card reader: connecting…</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="220"/>
        <source>模拟读卡器(&amp;R)</source>
        <translation>Simulated &amp;reader</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="222"/>
        <source>放上：%1</source>
        <translation>Place: %1</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="226"/>
        <source>拿开证件</source>
        <translation>Lift the card</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="232"/>
        <source>读卡器：就绪（%1）</source>
        <translation>Card reader: ready (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="235"/>
        <source>读卡器：不可用，可手工录入（%1）</source>
        <translation>Card reader: unavailable, type the applicant in (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="255"/>
        <source>待我决定 %1 (F4)</source>
        <translation>My decisions %1 (F4)</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="275"/>
        <source>请先在办件列表中选择一个办件。</source>
        <translation>Choose a case in the case list first.</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="294"/>
        <source>查找办件</source>
        <translation>Find case</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="294"/>
        <source>办件编号</source>
        <translation>Case no.</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="351"/>
        <source>%1年节假日安排尚未加载，期限暂按周一至周五计算，请尽快加载。</source>
        <translation>The holiday schedule for %1 is not loaded: deadlines count Monday to Friday until it is. Please load it.</translation>
    </message>
</context>
<context>
    <name>DocumentBar</name>
    <message>
        <location filename="../../ui/chief_desk.py" line="91"/>
        <source>打开 PDF</source>
        <extracomment>The desk&apos;s own message colours: the counter&apos;s stylesheet does not know these names.</extracomment>
        <translation>Open PDF</translation>
    </message>
    <message>
        <location filename="../../ui/chief_desk.py" line="93"/>
        <source>另存为…</source>
        <translation>Save as…</translation>
    </message>
    <message>
        <location filename="../../ui/chief_desk.py" line="113"/>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <location filename="../../ui/chief_desk.py" line="136"/>
        <source>保存决定书</source>
        <translation>Save the decision</translation>
    </message>
    <message>
        <location filename="../../ui/chief_desk.py" line="136"/>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/chief_desk.py" line="142"/>
        <source>已保存：%1</source>
        <translation>Saved: %1</translation>
    </message>
    <message>
        <location filename="../../ui/chief_desk.py" line="148"/>
        <source>已在 PDF 阅读器中打开：%1</source>
        <translation>Opened in the PDF viewer: %1</translation>
    </message>
    <message>
        <location filename="../../ui/chief_desk.py" line="150"/>
        <source>没有能打开 PDF 的程序。文件已保存在 %1。</source>
        <translation>No program can open PDFs. The file was saved at %1.</translation>
    </message>
</context>
<context>
    <name>IntakePanel</name>
    <message>
        <location filename="../../ui/intake.py" line="64"/>
        <location filename="../../ui/intake.py" line="242"/>
        <source>请先检索并选择办理事项</source>
        <extracomment>The applicant&apos;s document for each kind of card the reader can read.</extracomment>
        <translation>Search for and choose the item first</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="79"/>
        <source>补正说明或不予受理理由（不予受理时必填）</source>
        <extracomment>the ordinary applicant, or the one form of a company&apos;s establishment (一表制)</extracomment>
        <translation>Correction note or reason for refusal (required to refuse)</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="85"/>
        <source>受理 (Ctrl+Enter)</source>
        <translation>Accept (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="86"/>
        <source>补正告知 (Ctrl+B)</source>
        <translation>Correction notice (Ctrl+B)</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="87"/>
        <source>不予受理 (Ctrl+R)</source>
        <translation>Refuse (Ctrl+R)</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="88"/>
        <source>清空 (Ctrl+N)</source>
        <translation>Clear (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="106"/>
        <source>办理事项</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="110"/>
        <source>申请材料（空格键勾选）</source>
        <translation>Materials (Space to tick)</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="148"/>
        <source>当场办结</source>
        <translation>finished on the spot</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="151"/>
        <source>承诺 %1 个工作日（法定 %2 个）</source>
        <translation>%1 working days committed (%2 by law)</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="154"/>
        <source>不收费</source>
        <translation>free of charge</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="158"/>
        <source>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;%2 · %3&lt;br&gt;%4 · %5&lt;br&gt;收费：%6&lt;br&gt;办理地点：%7厅%8楼 %9窗口&lt;br&gt;&lt;small&gt;%10&lt;/small&gt;</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;%2 · %3&lt;br&gt;%4 · %5&lt;br&gt;Fee: %6&lt;br&gt;Where: hall %7, floor %8, window %9&lt;br&gt;&lt;small&gt;%10&lt;/small&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="218"/>
        <source>已读取%1的证件：%2 %3。</source>
        <translation>Card read for %1: %2 %3.</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="219"/>
        <source> 证件已过期，不能据此受理。</source>
        <translation> The card has expired: it cannot be accepted on it.</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="208"/>
        <source>证件已过期（有效期至 %1），请核实后决定是否受理。</source>
        <translation>The document expired (valid to %1): check it, then decide whether to accept.</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="210"/>
        <source>已读取证件：%1 %2。</source>
        <translation>Document read: %1 %2.</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="227"/>
        <source> 电话按本中心记录填入。</source>
        <translation> Phone filled in from this center&apos;s records.</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="254"/>
        <source>所有必需材料均已勾选，无需补正，可直接受理。</source>
        <translation>All required materials are ticked: no correction is needed, the case can be accepted.</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="261"/>
        <source>不予受理须写明理由，请在说明栏填写。</source>
        <translation>A refusal needs its reason: please write it in the note field.</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="272"/>
        <source>请先选择办理事项。</source>
        <translation>Please choose the item first.</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="284"/>
        <source>申请人信息有误，请按提示修改。</source>
        <translation>The applicant data has errors: please correct them as shown.</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="302"/>
        <source>申请表有 %1 处问题，请按提示修改：%2</source>
        <translation>The form has %1 problem(s); please correct them as shown: %2</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="311"/>
        <source>必需材料不齐，不能受理：</source>
        <translation>Required materials are missing, cannot accept: </translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="326"/>
        <source>办件 %1 已登记：%2。</source>
        <translation>Case %1 recorded: %2. </translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="328"/>
        <source>%1。</source>
        <translation>%1.</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="335"/>
        <source>已抄告 %1 个部门并联审批：%2</source>
        <translation> Sent to %1 departments to approve in parallel: %2</translation>
    </message>
</context>
<context>
    <name>InvestorRow</name>
    <message>
        <location filename="../../ui/one_form_panel.py" line="129"/>
        <source>股东%1</source>
        <translation>Investor %1</translation>
    </message>
    <message>
        <location filename="../../ui/one_form_panel.py" line="130"/>
        <source>同法定代表人</source>
        <translation>Same as legal representative</translation>
    </message>
    <message>
        <location filename="../../ui/one_form_panel.py" line="133"/>
        <source>认缴出资额（万元）</source>
        <translation>Subscribed (×10k yuan)</translation>
    </message>
    <message>
        <location filename="../../ui/one_form_panel.py" line="146"/>
        <source>认缴（万元）</source>
        <translation>Subscribed (×10k yuan)</translation>
    </message>
    <message>
        <location filename="../../ui/one_form_panel.py" line="149"/>
        <source>出资期限</source>
        <translation>Due by</translation>
    </message>
</context>
<context>
    <name>ItemSearch</name>
    <message>
        <location filename="../../ui/item_search.py" line="24"/>
        <source>输入事项名称、编码或拼音（如 yyzz）</source>
        <translation>Type an item name, code or pinyin (e.g. yyzz)</translation>
    </message>
</context>
<context>
    <name>JointTable</name>
    <message>
        <location filename="../../ui/one_form_views.py" line="96"/>
        <source>部门事项</source>
        <translation>Department item</translation>
    </message>
    <message>
        <location filename="../../ui/one_form_views.py" line="97"/>
        <source>子件编号</source>
        <translation>Case no.</translation>
    </message>
    <message>
        <location filename="../../ui/one_form_views.py" line="98"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/one_form_views.py" line="99"/>
        <source>当前环节</source>
        <translation>Current step</translation>
    </message>
    <message>
        <location filename="../../ui/one_form_views.py" line="100"/>
        <source>不予许可理由</source>
        <translation>Reason for denial</translation>
    </message>
    <message>
        <location filename="../../ui/one_form_views.py" line="109"/>
        <location filename="../../ui/one_form_views.py" line="146"/>
        <source>尚未同步到本窗口</source>
        <translation>not yet synced to this window</translation>
    </message>
    <message>
        <location filename="../../ui/one_form_views.py" line="138"/>
        <source>%1已被不予许可：%2</source>
        <translation>%1 was denied: %2</translation>
    </message>
    <message>
        <location filename="../../ui/one_form_views.py" line="143"/>
        <source>%1（%2）%3</source>
        <translation>%1 (%2) %3</translation>
    </message>
    <message>
        <location filename="../../ui/one_form_views.py" line="151"/>
        <source>还不能统一发证：%1。</source>
        <translation>Cannot issue yet: %1.</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../ui/login.py" line="38"/>
        <source>一窗受理 · 登录</source>
        <translation>OneWindow · Sign in</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="44"/>
        <source>屏幕已锁定，请输入密码解锁</source>
        <translation>Screen locked: type your password to unlock</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="44"/>
        <source>窗口受理系统</source>
        <translation>Counter intake system</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="56"/>
        <source>解锁</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="56"/>
        <source>登录</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="61"/>
        <source>用户名(&amp;U)</source>
        <translation>&amp;User name</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="62"/>
        <source>密码(&amp;P)</source>
        <translation>&amp;Password</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="75"/>
        <source>请输入用户名和密码</source>
        <translation>Please type user name and password</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="83"/>
        <source>密码不正确</source>
        <translation>Wrong password</translation>
    </message>
</context>
<context>
    <name>MaterialsChecklist</name>
    <message>
        <location filename="../../ui/materials.py" line="26"/>
        <source>原件</source>
        <translation>original</translation>
    </message>
    <message>
        <location filename="../../ui/materials.py" line="26"/>
        <source>复印件</source>
        <translation>copy</translation>
    </message>
    <message>
        <location filename="../../ui/materials.py" line="27"/>
        <source>必需</source>
        <translation>required</translation>
    </message>
    <message>
        <location filename="../../ui/materials.py" line="27"/>
        <source>选填</source>
        <translation>optional</translation>
    </message>
    <message>
        <location filename="../../ui/materials.py" line="29"/>
        <source>%1（%2 %3份，%4）</source>
        <translation>%1 (%2, %3 cop., %4)</translation>
    </message>
</context>
<context>
    <name>OneFormPanel</name>
    <message>
        <location filename="../../ui/one_form_panel.py" line="195"/>
        <source>如：江川市澄湖商贸有限公司</source>
        <translation>e.g. 江川市澄湖商贸有限公司</translation>
    </message>
    <message>
        <location filename="../../ui/one_form_panel.py" line="196"/>
        <source>万元</source>
        <translation>×10k yuan</translation>
    </message>
    <message>
        <location filename="../../ui/one_form_panel.py" line="197"/>
        <source>规范表述，以顿号分隔</source>
        <translation>Standard terms, separated by 、</translation>
    </message>
    <message>
        <location filename="../../ui/one_form_panel.py" line="198"/>
        <source>具体到门牌号</source>
        <translation>Down to the door number</translation>
    </message>
    <message>
        <location filename="../../ui/one_form_panel.py" line="199"/>
        <source>企业联系电话</source>
        <translation>Company phone</translation>
    </message>
    <message>
        <location filename="../../ui/one_form_panel.py" line="200"/>
        <source>基本存款账户开户银行</source>
        <translation>Bank of the basic deposit account</translation>
    </message>
    <message>
        <location filename="../../ui/one_form_panel.py" line="201"/>
        <source>财务负责人电话</source>
        <translation>Financial officer&apos;s phone</translation>
    </message>
    <message>
        <location filename="../../ui/one_form_panel.py" line="205"/>
        <source>长期</source>
        <translation>Indefinite</translation>
    </message>
    <message>
        <location filename="../../ui/one_form_panel.py" line="207"/>
        <source>%1年</source>
        <translation>%1 years</translation>
    </message>
    <message>
        <location filename="../../ui/one_form_panel.py" line="213"/>
        <source>企业信息</source>
        <translation>Company</translation>
    </message>
    <message>
        <location filename="../../ui/one_form_panel.py" line="216"/>
        <source>企业名称</source>
        <translation>Company name</translation>
    </message>
    <message>
        <location filename="../../ui/one_form_panel.py" line="217"/>
        <source>注册资本</source>
        <translation>Registered capital</translation>
    </message>
    <message>
        <location filename="../../ui/one_form_panel.py" line="218"/>
        <source>经营范围</source>
        <translation>Business scope</translation>
    </message>
    <message>
        <location filename="../../ui/one_form_panel.py" line="219"/>
        <source>住所</source>
        <translation>Domicile</translation>
    </message>
    <message>
        <location filename="../../ui/one_form_panel.py" line="220"/>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../ui/one_form_panel.py" line="225"/>
        <source>从业人数</source>
        <translation>Employees</translation>
    </message>
    <message>
        <location filename="../../ui/one_form_panel.py" line="228"/>
        <source>营业期限</source>
        <translation>Operating period</translation>
    </message>
    <message>
        <location filename="../../ui/one_form_panel.py" line="232"/>
        <source>法定代表人</source>
        <translation>Legal representative</translation>
    </message>
    <message>
        <location filename="../../ui/one_form_panel.py" line="238"/>
        <source>法定代表人与股东（读取身份证）</source>
        <translation>Legal representative and investors (read their ID cards)</translation>
    </message>
    <message>
        <location filename="../../ui/one_form_panel.py" line="271"/>
        <source>各部门所需（税务、社保、公章、银行）</source>
        <translation>For the departments (tax, social insurance, seals, bank)</translation>
    </message>
    <message>
        <location filename="../../ui/one_form_panel.py" line="273"/>
        <source>监事</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <location filename="../../ui/one_form_panel.py" line="277"/>
        <source>财务负责人</source>
        <translation>Financial officer</translation>
    </message>
    <message>
        <location filename="../../ui/one_form_panel.py" line="278"/>
        <source>开户银行</source>
        <translation>Bank</translation>
    </message>
    <message>
        <location filename="../../ui/one_form_panel.py" line="279"/>
        <source>刻制印章（枚）</source>
        <translation>Seals to engrave</translation>
    </message>
    <message>
        <location filename="../../ui/one_form_panel.py" line="349"/>
        <source>请读取%1的身份证</source>
        <translation>Please read the ID card of %1</translation>
    </message>
    <message>
        <location filename="../../ui/one_form_panel.py" line="449"/>
        <source>占 %1%</source>
        <translation>%1%</translation>
    </message>
    <message>
        <location filename="../../ui/one_form_panel.py" line="453"/>
        <source>认缴合计 %1 万元，注册资本 %2 万元：出资比例合计应为100%</source>
        <translation>Subscribed in total %1 ×10k yuan of a registered capital of %2 ×10k yuan: the shares must come to 100%</translation>
    </message>
</context>
<context>
    <name>PersonSlot</name>
    <message>
        <location filename="../../ui/one_form_panel.py" line="58"/>
        <location filename="../../ui/one_form_panel.py" line="116"/>
        <source>读卡</source>
        <translation>Read card</translation>
    </message>
    <message>
        <location filename="../../ui/one_form_panel.py" line="60"/>
        <location filename="../../ui/one_form_panel.py" line="92"/>
        <source>请在读卡器上放置身份证</source>
        <translation>Place the ID card on the reader</translation>
    </message>
    <message>
        <location filename="../../ui/one_form_panel.py" line="64"/>
        <source>手机号码</source>
        <translation>Mobile phone</translation>
    </message>
    <message>
        <location filename="../../ui/one_form_panel.py" line="85"/>
        <source>证件已过期（有效期至 %1），不能据此受理。</source>
        <translation>The card expired (valid until %1): it cannot be accepted on it.</translation>
    </message>
    <message>
        <location filename="../../ui/one_form_panel.py" line="94"/>
        <source>长期</source>
        <translation>Indefinite</translation>
    </message>
    <message>
        <location filename="../../ui/one_form_panel.py" line="97"/>
        <source>&lt;b&gt;%1&lt;/b&gt; %2 · 有效期至 %3</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; %2 · valid until %3</translation>
    </message>
    <message>
        <location filename="../../ui/one_form_panel.py" line="116"/>
        <source>等待读卡…</source>
        <translation>Waiting for a card…</translation>
    </message>
</context>
<context>
    <name>PrintQueueDialog</name>
    <message>
        <location filename="../../ui/print_queue.py" line="43"/>
        <source>补打队列</source>
        <translation>Reprint queue</translation>
    </message>
    <message>
        <location filename="../../ui/print_queue.py" line="48"/>
        <source>办件编号</source>
        <translation>Case no.</translation>
    </message>
    <message>
        <location filename="../../ui/print_queue.py" line="49"/>
        <source>凭条</source>
        <translation>Slip</translation>
    </message>
    <message>
        <location filename="../../ui/print_queue.py" line="50"/>
        <source>放入时间</source>
        <translation>Queued at</translation>
    </message>
    <message>
        <location filename="../../ui/print_queue.py" line="51"/>
        <source>次数</source>
        <translation>Attempts</translation>
    </message>
    <message>
        <location filename="../../ui/print_queue.py" line="52"/>
        <source>未打印的原因</source>
        <translation>Why it did not print</translation>
    </message>
    <message>
        <location filename="../../ui/print_queue.py" line="59"/>
        <source>补打选中的凭条 (Enter)</source>
        <translation>Reprint the selected slip (Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/print_queue.py" line="61"/>
        <source>刷新 (F5)</source>
        <translation>Refresh (F5)</translation>
    </message>
    <message>
        <location filename="../../ui/print_queue.py" line="103"/>
        <source>补打队列是空的：所有凭条都已打印。</source>
        <translation>The reprint queue is empty: every slip has printed.</translation>
    </message>
    <message>
        <location filename="../../ui/print_queue.py" line="112"/>
        <source>正在补打 %1 的凭条……</source>
        <translation>Reprinting the slip of %1…</translation>
    </message>
</context>
<context>
    <name>PrinterDesk</name>
    <message>
        <location filename="../../ui/printer_desk.py" line="33"/>
        <source>正常</source>
        <extracomment>How often the status bar asks the printer how it is.</extracomment>
        <translation>Ready</translation>
    </message>
    <message>
        <location filename="../../ui/printer_desk.py" line="34"/>
        <source>纸将用尽</source>
        <translation>Paper near its end</translation>
    </message>
    <message>
        <location filename="../../ui/printer_desk.py" line="35"/>
        <source>缺纸</source>
        <translation>Out of paper</translation>
    </message>
    <message>
        <location filename="../../ui/printer_desk.py" line="36"/>
        <source>盖未关好</source>
        <translation>Cover open</translation>
    </message>
    <message>
        <location filename="../../ui/printer_desk.py" line="37"/>
        <source>未开机（连不上）</source>
        <translation>Switched off (unreachable)</translation>
    </message>
    <message>
        <location filename="../../ui/printer_desk.py" line="54"/>
        <source>打印机：查询中……</source>
        <translation>Printer: asking…</translation>
    </message>
    <message>
        <location filename="../../ui/printer_desk.py" line="66"/>
        <source>打印(&amp;P)</source>
        <translation>&amp;Print</translation>
    </message>
    <message>
        <location filename="../../ui/printer_desk.py" line="68"/>
        <source>凭条与通知书…</source>
        <translation>Slips and notices…</translation>
    </message>
    <message>
        <location filename="../../ui/printer_desk.py" line="69"/>
        <source>补打队列…</source>
        <translation>Reprint queue…</translation>
    </message>
    <message>
        <location filename="../../ui/printer_desk.py" line="70"/>
        <source>打印机设置…</source>
        <translation>Printer settings…</translation>
    </message>
    <message>
        <location filename="../../ui/printer_desk.py" line="83"/>
        <source>模拟打印机</source>
        <translation>Simulated printer</translation>
    </message>
    <message>
        <location filename="../../ui/printer_desk.py" line="127"/>
        <source>打印机：%1</source>
        <translation>Printer: %1</translation>
    </message>
    <message>
        <location filename="../../ui/printer_desk.py" line="133"/>
        <source> · 待补打 %1 张</source>
        <translation> · %1 to reprint</translation>
    </message>
</context>
<context>
    <name>PrinterSettingsDialog</name>
    <message>
        <location filename="../../ui/printer_settings.py" line="32"/>
        <source>模拟打印机（演示）</source>
        <extracomment>How a printer is reached: the setting&apos;s prefix, its title, and an example address.</extracomment>
        <translation>Simulated printer (demo)</translation>
    </message>
    <message>
        <location filename="../../ui/printer_settings.py" line="33"/>
        <source>网络打印机</source>
        <translation>Network printer</translation>
    </message>
    <message>
        <location filename="../../ui/printer_settings.py" line="34"/>
        <source>USB 打印机</source>
        <translation>USB printer</translation>
    </message>
    <message>
        <location filename="../../ui/printer_settings.py" line="35"/>
        <source>串口打印机</source>
        <translation>Serial printer</translation>
    </message>
    <message>
        <location filename="../../ui/printer_settings.py" line="36"/>
        <source>设备文件</source>
        <translation>Device file</translation>
    </message>
    <message>
        <location filename="../../ui/printer_settings.py" line="53"/>
        <source>打印机设置</source>
        <translation>Printer settings</translation>
    </message>
    <message>
        <location filename="../../ui/printer_settings.py" line="62"/>
        <source>80 毫米</source>
        <translation>80 mm</translation>
    </message>
    <message>
        <location filename="../../ui/printer_settings.py" line="63"/>
        <source>58 毫米</source>
        <translation>58 mm</translation>
    </message>
    <message>
        <location filename="../../ui/printer_settings.py" line="64"/>
        <source>以图像方式打印（打印机没有中文字库时选用）</source>
        <translation>Print as an image (for printers without Chinese fonts)</translation>
    </message>
    <message>
        <location filename="../../ui/printer_settings.py" line="66"/>
        <source>打印前查询打印机状态</source>
        <translation>Ask the printer its status before printing</translation>
    </message>
    <message>
        <location filename="../../ui/printer_settings.py" line="68"/>
        <source>登记办件后自动打印凭条</source>
        <translation>Print the slip as soon as a case is registered</translation>
    </message>
    <message>
        <location filename="../../ui/printer_settings.py" line="72"/>
        <source>留空则印“样章”</source>
        <translation>Leave empty for a specimen seal</translation>
    </message>
    <message>
        <location filename="../../ui/printer_settings.py" line="73"/>
        <source>选择…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <location filename="../../ui/printer_settings.py" line="75"/>
        <source>查询状态</source>
        <translation>Ask status</translation>
    </message>
    <message>
        <location filename="../../ui/printer_settings.py" line="77"/>
        <source>打印测试页</source>
        <translation>Print test page</translation>
    </message>
    <message>
        <location filename="../../ui/printer_settings.py" line="79"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../ui/printer_settings.py" line="82"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../ui/printer_settings.py" line="87"/>
        <source>连接方式(&amp;C)</source>
        <translation>&amp;Connection</translation>
    </message>
    <message>
        <location filename="../../ui/printer_settings.py" line="88"/>
        <source>地址(&amp;D)</source>
        <translation>A&amp;ddress</translation>
    </message>
    <message>
        <location filename="../../ui/printer_settings.py" line="89"/>
        <source>纸宽(&amp;W)</source>
        <translation>Paper &amp;width</translation>
    </message>
    <message>
        <location filename="../../ui/printer_settings.py" line="93"/>
        <source>印章图片</source>
        <translation>Seal image</translation>
    </message>
    <message>
        <location filename="../../ui/printer_settings.py" line="111"/>
        <source>只有系统管理员可以修改打印机设置</source>
        <translation>Only the administrator can change the printer settings</translation>
    </message>
    <message>
        <location filename="../../ui/printer_settings.py" line="142"/>
        <source>例如 %1</source>
        <translation>e.g. %1</translation>
    </message>
    <message>
        <location filename="../../ui/printer_settings.py" line="148"/>
        <source>选择印章图片</source>
        <translation>Choose the seal image</translation>
    </message>
    <message>
        <location filename="../../ui/printer_settings.py" line="148"/>
        <source>PNG 图片 (*.png)</source>
        <translation>PNG images (*.png)</translation>
    </message>
    <message>
        <location filename="../../ui/printer_settings.py" line="157"/>
        <source>正在查询打印机状态……</source>
        <translation>Asking the printer its status…</translation>
    </message>
    <message>
        <location filename="../../ui/printer_settings.py" line="167"/>
        <source>正在打印测试页……</source>
        <translation>Printing the test page…</translation>
    </message>
    <message>
        <location filename="../../ui/printer_settings.py" line="184"/>
        <source>打印机设置已保存。</source>
        <translation>Printer settings saved.</translation>
    </message>
</context>
<context>
    <name>QuarantineDialog</name>
    <message>
        <location filename="../../ui/quarantine.py" line="31"/>
        <source>本机上传被拒</source>
        <translation>Refused by the central</translation>
    </message>
    <message>
        <location filename="../../ui/quarantine.py" line="32"/>
        <source>中心记录与本机冲突</source>
        <translation>Central&apos;s event conflicts here</translation>
    </message>
    <message>
        <location filename="../../ui/quarantine.py" line="46"/>
        <source>同步隔离区</source>
        <translation>Sync quarantine</translation>
    </message>
    <message>
        <location filename="../../ui/quarantine.py" line="51"/>
        <source>隔离时间</source>
        <translation>Held at</translation>
    </message>
    <message>
        <location filename="../../ui/quarantine.py" line="52"/>
        <source>方向</source>
        <translation>Direction</translation>
    </message>
    <message>
        <location filename="../../ui/quarantine.py" line="53"/>
        <source>办件编号</source>
        <translation>Case no.</translation>
    </message>
    <message>
        <location filename="../../ui/quarantine.py" line="54"/>
        <source>第几条</source>
        <translation>Position</translation>
    </message>
    <message>
        <location filename="../../ui/quarantine.py" line="55"/>
        <source>环节</source>
        <translation>Step</translation>
    </message>
    <message>
        <location filename="../../ui/quarantine.py" line="56"/>
        <source>结果</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <location filename="../../ui/quarantine.py" line="57"/>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../ui/quarantine.py" line="99"/>
        <source>共 %1 条记录在隔离区；记录本身不会被修改或删除。</source>
        <translation>%1 events in quarantine; the events themselves are never changed or removed.</translation>
    </message>
    <message>
        <location filename="../../ui/quarantine.py" line="101"/>
        <source>隔离区是空的：所有记录都已与中心一致。</source>
        <translation>The quarantine is empty: every event agrees with the central.</translation>
    </message>
</context>
<context>
    <name>RecordDialog</name>
    <message>
        <location filename="../../ui/step_record.py" line="41"/>
        <source>办理日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../ui/step_record.py" line="42"/>
        <source>地点</source>
        <translation>Place</translation>
    </message>
    <message>
        <location filename="../../ui/step_record.py" line="43"/>
        <source>参加人员</source>
        <translation>Staff</translation>
    </message>
    <message>
        <location filename="../../ui/step_record.py" line="44"/>
        <source>结论或意见</source>
        <translation>Findings</translation>
    </message>
    <message>
        <location filename="../../ui/step_record.py" line="45"/>
        <source>决策机构</source>
        <translation>Body</translation>
    </message>
    <message>
        <location filename="../../ui/step_record.py" line="46"/>
        <source>会议日期</source>
        <translation>Meeting date</translation>
    </message>
    <message>
        <location filename="../../ui/step_record.py" line="47"/>
        <source>出席人员</source>
        <translation>Attendees</translation>
    </message>
    <message>
        <location filename="../../ui/step_record.py" line="48"/>
        <source>决议内容</source>
        <translation>Resolution</translation>
    </message>
    <message>
        <location filename="../../ui/step_record.py" line="51"/>
        <source>如：申请人经营场所（江川市××路××号）</source>
        <translation>e.g. the applicant&apos;s premises (No. ×× ×× Road, Jiangchuan)</translation>
    </message>
    <message>
        <location filename="../../ui/step_record.py" line="52"/>
        <source>姓名及职务，多人以顿号分隔</source>
        <translation>Names and posts, separated by 、</translation>
    </message>
    <message>
        <location filename="../../ui/step_record.py" line="53"/>
        <source>核查、听证、评审或鉴定的结论</source>
        <translation>Conclusion of the check, hearing, review or appraisal</translation>
    </message>
    <message>
        <location filename="../../ui/step_record.py" line="54"/>
        <source>如：局务会、专家评审委员会</source>
        <translation>e.g. bureau meeting, expert review committee</translation>
    </message>
    <message>
        <location filename="../../ui/step_record.py" line="55"/>
        <source>出席人员姓名及职务</source>
        <translation>Names and posts of those present</translation>
    </message>
    <message>
        <location filename="../../ui/step_record.py" line="56"/>
        <source>会议形成的决议</source>
        <translation>What the meeting resolved</translation>
    </message>
    <message>
        <location filename="../../ui/step_record.py" line="98"/>
        <source>保存记录 (Ctrl+Enter)</source>
        <translation>Save the record (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/step_record.py" line="101"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/step_record.py" line="147"/>
        <source>请填写：%1。</source>
        <translation>Please fill in: %1.</translation>
    </message>
    <message>
        <location filename="../../ui/step_record.py" line="155"/>
        <source>正在保存……</source>
        <translation>Saving…</translation>
    </message>
</context>
<context>
    <name>SharedFormBox</name>
    <message>
        <location filename="../../ui/one_form_views.py" line="38"/>
        <source>一表制申请表（各部门共享）</source>
        <translation>One-form application (shared by all departments)</translation>
    </message>
    <message>
        <location filename="../../ui/one_form_views.py" line="56"/>
        <source>%1（%2）认缴 %3 万元，占 %4%</source>
        <translation>%1 (%2) subscribes %3 ×10k yuan, %4%</translation>
    </message>
    <message>
        <location filename="../../ui/one_form_views.py" line="65"/>
        <source>企业名称</source>
        <translation>Company name</translation>
    </message>
    <message>
        <location filename="../../ui/one_form_views.py" line="66"/>
        <source>注册资本</source>
        <translation>Registered capital</translation>
    </message>
    <message>
        <location filename="../../ui/one_form_views.py" line="66"/>
        <source>%1 万元</source>
        <translation>%1 ×10k yuan</translation>
    </message>
    <message>
        <location filename="../../ui/one_form_views.py" line="67"/>
        <source>经营范围</source>
        <translation>Business scope</translation>
    </message>
    <message>
        <location filename="../../ui/one_form_views.py" line="68"/>
        <source>住所</source>
        <translation>Domicile</translation>
    </message>
    <message>
        <location filename="../../ui/one_form_views.py" line="70"/>
        <source>法定代表人</source>
        <translation>Legal representative</translation>
    </message>
    <message>
        <location filename="../../ui/one_form_views.py" line="74"/>
        <source>股东</source>
        <translation>Investors</translation>
    </message>
</context>
<context>
    <name>SlipPreviewDialog</name>
    <message>
        <location filename="../../ui/slip_preview.py" line="51"/>
        <source>凭条与通知书 · %1</source>
        <translation>Slips and notices · %1</translation>
    </message>
    <message>
        <location filename="../../ui/slip_preview.py" line="55"/>
        <source>正在生成预览……</source>
        <translation>Drawing the preview…</translation>
    </message>
    <message>
        <location filename="../../ui/slip_preview.py" line="62"/>
        <source>打印凭条 (Ctrl+P)</source>
        <translation>Print slip (Ctrl+P)</translation>
    </message>
    <message>
        <location filename="../../ui/slip_preview.py" line="67"/>
        <source>另存为 PDF… (Ctrl+S)</source>
        <translation>Save as PDF… (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../../ui/slip_preview.py" line="69"/>
        <source>打开 PDF (Ctrl+O)</source>
        <translation>Open PDF (Ctrl+O)</translation>
    </message>
    <message>
        <location filename="../../ui/slip_preview.py" line="91"/>
        <source>凭条（热敏打印机）</source>
        <translation>Slip (thermal printer)</translation>
    </message>
    <message>
        <location filename="../../ui/slip_preview.py" line="93"/>
        <source>凭条(&amp;K)</source>
        <translation>Slip &amp;kind</translation>
    </message>
    <message>
        <location filename="../../ui/slip_preview.py" line="98"/>
        <source>书面通知书（A4，PDF）</source>
        <translation>Written notices (A4, PDF)</translation>
    </message>
    <message>
        <location filename="../../ui/slip_preview.py" line="138"/>
        <source>正在打印%1……</source>
        <translation>Printing %1…</translation>
    </message>
    <message>
        <location filename="../../ui/slip_preview.py" line="158"/>
        <source>本办件目前没有需要出具的通知书</source>
        <translation>This case needs no written notice now</translation>
    </message>
    <message>
        <location filename="../../ui/slip_preview.py" line="170"/>
        <source>保存通知书</source>
        <translation>Save notice</translation>
    </message>
    <message>
        <location filename="../../ui/slip_preview.py" line="170"/>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/slip_preview.py" line="177"/>
        <source>通知书已保存：%1</source>
        <translation>Notice saved: %1</translation>
    </message>
    <message>
        <location filename="../../ui/slip_preview.py" line="196"/>
        <source>已在 PDF 阅读器中打开：%1</source>
        <translation>Opened in the PDF viewer: %1</translation>
    </message>
    <message>
        <location filename="../../ui/slip_preview.py" line="199"/>
        <source>没有能打开 PDF 的程序。通知书已保存在 %1，可用“另存为”另存。</source>
        <translation>No program here opens PDF files. The notice is saved at %1; use &quot;Save as&quot; to keep a copy elsewhere.</translation>
    </message>
</context>
<context>
    <name>StepRecordDialog</name>
    <message>
        <location filename="../../ui/step_record.py" line="170"/>
        <source>事后录入：%1</source>
        <translation>Recorded afterwards: %1</translation>
    </message>
    <message>
        <location filename="../../ui/step_record.py" line="173"/>
        <source>“%1”在大厅外办理。请录入办理情况，记录将留在办件的办理记录中。</source>
        <translation>“%1” is done outside the hall. Record what was done; it stays in the case&apos;s trace.</translation>
    </message>
</context>
<context>
    <name>SyncDesk</name>
    <message>
        <location filename="../../ui/sync_desk.py" line="35"/>
        <source>中心：……</source>
        <extracomment>A round every this often when nothing else asks for one.</extracomment>
        <translation>Central: …</translation>
    </message>
    <message>
        <location filename="../../ui/sync_desk.py" line="40"/>
        <source>补传 %v / %m</source>
        <translation>Catching up %v / %m</translation>
    </message>
    <message>
        <location filename="../../ui/sync_desk.py" line="99"/>
        <source>中心：同步出错（%1）</source>
        <translation>Central: sync error (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/sync_desk.py" line="111"/>
        <source>中心：未设置（只在本机保存）</source>
        <translation>Central: not set (kept on this machine only)</translation>
    </message>
    <message>
        <location filename="../../ui/sync_desk.py" line="113"/>
        <source>中心：离线 · 待上传 %1 条</source>
        <translation>Central: offline · %1 waiting</translation>
    </message>
    <message>
        <location filename="../../ui/sync_desk.py" line="116"/>
        <source>中心：在线 · 待上传 %1 条 · 同步于 %2</source>
        <translation>Central: online · %1 waiting · synced %2</translation>
    </message>
    <message>
        <location filename="../../ui/sync_desk.py" line="118"/>
        <source> · 隔离 %1 条</source>
        <translation> · %1 quarantined</translation>
    </message>
</context>
<context>
    <name>labels</name>
    <message>
        <location filename="../../ui/labels.py" line="23"/>
        <source>待受理</source>
        <translation>Awaiting acceptance</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="24"/>
        <source>待补正</source>
        <translation>Awaiting correction</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="25"/>
        <source>办理中</source>
        <translation>In progress</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="26"/>
        <location filename="../../ui/labels.py" line="70"/>
        <source>暂停计时</source>
        <translation>Stop clock</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="27"/>
        <source>准予许可</source>
        <translation>Approve</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="28"/>
        <source>不予许可</source>
        <translation>Deny</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="29"/>
        <source>已办结</source>
        <translation>Issued</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="30"/>
        <source>已取件</source>
        <translation>Picked up</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="31"/>
        <location filename="../../ui/labels.py" line="67"/>
        <source>不予受理</source>
        <translation>Refuse</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="32"/>
        <source>已撤回</source>
        <translation>Withdrawn</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="40"/>
        <source>即办件</source>
        <translation>On-the-spot</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="41"/>
        <source>承诺件</source>
        <translation>Promised</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="42"/>
        <source>上报件</source>
        <translation>Sent up</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="43"/>
        <source>联办件</source>
        <translation>Joint</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="51"/>
        <source>窗口人员</source>
        <translation>Clerk</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="52"/>
        <source>首席代表</source>
        <translation>Chief representative</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="53"/>
        <source>电子监察</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="54"/>
        <source>系统管理员</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="55"/>
        <source>自助终端</source>
        <translation>Kiosk</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="63"/>
        <source>接件</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="64"/>
        <source>受理</source>
        <translation>Accept</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="65"/>
        <source>一次性补正告知</source>
        <translation>Correction notice</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="66"/>
        <source>补齐材料</source>
        <translation>Materials supplemented</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="68"/>
        <source>环节办理完成</source>
        <translation>Step completed</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="69"/>
        <source>退回</source>
        <translation>Returned</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="71"/>
        <source>恢复计时</source>
        <translation>Resume clock</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="72"/>
        <source>延长期限</source>
        <translation>Extend deadline</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="73"/>
        <source>作出决定</source>
        <translation>Decided</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="74"/>
        <source>发证办结</source>
        <translation>Issue and close</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="75"/>
        <source>取件</source>
        <translation>Picked up</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="76"/>
        <source>撤回</source>
        <translation>Withdrawn</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/labels.py" line="85"/>
        <source>超时 %n 个工作日</source>
        <translation>
            <numerusform>%n working day overdue</numerusform>
            <numerusform>%n working days overdue</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="85"/>
        <source>按时办结</source>
        <translation>finished on time</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/labels.py" line="110"/>
        <source>剩余 %n 个工作日</source>
        <translation>
            <numerusform>%n working day left</numerusform>
            <numerusform>%n working days left</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/labels.py" line="91"/>
        <source>超时 %n 个工作日办结</source>
        <translation>
            <numerusform>finished %n working day late</numerusform>
            <numerusform>finished %n working days late</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/labels.py" line="95"/>
        <source>等待补正 %n 个工作日</source>
        <translation>
            <numerusform>waiting %n working day for corrections</numerusform>
            <numerusform>waiting %n working days for corrections</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/labels.py" line="99"/>
        <source>超过五日受理期限 %n 个工作日</source>
        <translation>
            <numerusform>%n working day past the five days to accept</numerusform>
            <numerusform>%n working days past the five days to accept</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="103"/>
        <source>未受理</source>
        <translation>not accepted</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/labels.py" line="105"/>
        <source>已等待 %n 个工作日，五日受理期限将满</source>
        <translation>
            <numerusform>waited %n working day; the five days to accept run out</numerusform>
            <numerusform>waited %n working days; the five days to accept run out</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/labels.py" line="109"/>
        <source>已等待 %n 个工作日</source>
        <translation>
            <numerusform>waited %n working day</numerusform>
            <numerusform>waited %n working days</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="127"/>
        <source>应于 %2 前受理或一次性告知补正，逾期视为 %1 起受理</source>
        <translation>accept, or list everything missing, by %2; after that the case counts as accepted from %1</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="133"/>
        <source>%1 已告知补正，等待申请人补齐材料，补齐之日起受理</source>
        <translation>told on %1 what is missing; waiting for the applicant, accepted from the day it is complete</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="138"/>
        <source>%1于 %2，不再计时</source>
        <translation>%1 on %2; no time limit runs</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="143"/>
        <source>承诺 %1 个工作日，应于 %2 前办结</source>
        <translation>%1 working days committed, due by %2</translation>
    </message>
</context>
</TS>
