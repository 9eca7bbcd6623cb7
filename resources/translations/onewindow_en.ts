<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name></name>
    <message>
        <location filename="../../app/domain/applicant.py" line="+82"/>
        <source>请填写申请人姓名或单位名称</source>
        <translation>Enter the applicant&apos;s name or the organisation&apos;s name</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>请填写申请人身份证号码</source>
        <translation>Enter the applicant&apos;s ID number</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>设立中的企业须载明法定代表人及其身份证件</source>
        <translation>An enterprise being established must name its legal representative and their ID document</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>请填写统一社会信用代码</source>
        <translation>Enter the unified social credit code</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>请填写法定代表人姓名</source>
        <translation>Enter the legal representative&apos;s name</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>联系电话只能由数字和“-”组成</source>
        <translation>A phone number may hold only digits and “-”</translation>
    </message>
    <message>
        <location filename="../../app/domain/business_scope.py" line="+40"/>
        <source>经营范围“{term}”重复填写</source>
        <extracomment>term → why no enterprise may register it term → the licence the enterprise must obtain before carrying it on (许可项目) words a company name may not contain</extracomment>
        <translation>Business scope “{term}” is entered twice</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>经营范围“{term}”不能登记：{reason}</source>
        <translation>Business scope “{term}” cannot be registered: {reason}</translation>
    </message>
    <message>
        <location filename="../../app/domain/calendar.py" line="+26"/>
        <source>星期一</source>
        <translation>a Monday</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>星期二</source>
        <translation>a Tuesday</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>星期三</source>
        <translation>a Wednesday</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>星期四</source>
        <translation>a Thursday</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>星期五</source>
        <translation>a Friday</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>星期六</source>
        <translation>a Saturday</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>星期日</source>
        <translation>a Sunday</translation>
    </message>
    <message>
        <location line="+29"/>
        <location line="+6"/>
        <source>节假日</source>
        <extracomment>The years a holiday schedule may be for (the central&apos;s `holiday_schedules` holds the same).</extracomment>
        <translation>holiday</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>“{holiday}”的日期{day}</source>
        <translation>the date {day} of “{holiday}”</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>调休上班日{day}</source>
        <translation>the working weekend day {day}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{day}既是“{holiday}”假日又是调休上班日</source>
        <translation>{day} is both a day of “{holiday}” and a working weekend day</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>“{holiday}”的日期{day}不在假日之列</source>
        <translation>the date {day} of “{holiday}” is not among the days off</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>{year}年节假日安排：缺少来源（source），应写明所依据的通知</source>
        <translation>Holiday schedule {year}: the source is missing; name the notice it follows</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>调休上班日</source>
        <translation>working weekend day</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>{what}不在{year}年内</source>
        <translation>{what} is not in {year}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>调休上班日{day}是{weekday}，只能是星期六或星期日</source>
        <translation>the working weekend day {day} is {weekday}; it must be a Saturday or a Sunday</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{year}年节假日安排：{detail}</source>
        <translation>Holiday schedule {year}: {detail}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{year}年节假日安排：“{key}”应为列表</source>
        <translation>Holiday schedule {year}: “{key}” must be a list</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>{year}年节假日安排：{day}同时属于“{first}”和“{second}”</source>
        <translation>Holiday schedule {year}: {day} belongs to both “{first}” and “{second}”</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>{year}年节假日安排：第{number}项假日应写成{{name, from, to}}</source>
        <translation>Holiday schedule {year}: holiday {number} must be written as {{name, from, to}}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{year}年节假日安排：第{number}项假日缺少名称（name）</source>
        <translation>Holiday schedule {year}: holiday {number} has no name</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>“{name}”的开始日期</source>
        <translation>the first day of “{name}”</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>“{name}”的结束日期</source>
        <translation>the last day of “{name}”</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{year}年节假日安排：“{name}”的开始日期{first}晚于结束日期{last}</source>
        <translation>Holiday schedule {year}: “{name}” begins on {first}, after it ends on {last}</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>{year}年节假日安排：{what}“{text}”无效，应写成YYYY-MM-DD</source>
        <translation>Holiday schedule {year}: {what} “{text}” is not valid; write YYYY-MM-DD</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>{year}年的节假日安排加载了不止一份</source>
        <translation>More than one holiday schedule was loaded for {year}</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>{year}年节假日安排与其他年份的安排冲突：{day}</source>
        <translation>The holiday schedule {year} contradicts another year&apos;s on {day}</translation>
    </message>
    <message>
        <location filename="../../app/domain/calendar_files.py" line="+20"/>
        <source>找不到节假日数据目录：{path}</source>
        <translation>Holiday data folder not found: {path}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>节假日数据文件{file}不是有效的JSON：第{line}行第{column}列</source>
        <translation>Holiday data file {file} is not valid JSON: line {line}, column {column}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>节假日数据文件{file}应以UTF-8编码保存</source>
        <translation>Holiday data file {file} must be saved as UTF-8</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>节假日数据文件{file}的内容应为一个JSON对象</source>
        <translation>Holiday data file {file} must hold one JSON object</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>节假日数据文件{file}：{error}</source>
        <translation>Holiday data file {file}: {error}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>节假日数据文件{file}中的年份是{year}，与文件名不符</source>
        <translation>Holiday data file {file} holds the year {year}, which does not match its name</translation>
    </message>
    <message>
        <location filename="../../app/domain/case_records.py" line="+20"/>
        <source>办理日期</source>
        <extracomment>What an out-of-hall step&apos;s form (事后录入电子表单) must hold, and each field&apos;s title; the first field of each record is its date.</extracomment>
        <translation>Date</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>地点</source>
        <translation>Place</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>参加人员</source>
        <translation>Staff</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>结论或意见</source>
        <translation>Findings</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>会议日期</source>
        <extracomment>What the record of a collective decision (局务会、专家评审委员会) must hold.</extracomment>
        <translation>Meeting date</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>决策机构（如局务会）</source>
        <translation>Deciding body (e.g. the bureau meeting)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>出席人员</source>
        <translation>Attendees</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>决议内容</source>
        <translation>Resolution</translation>
    </message>
    <message>
        <location filename="../../app/domain/case.py" line="+91"/>
        <location filename="../../app/services/cases.py" line="+258"/>
        <source>受理</source>
        <extracomment>What the rest of the code imports from here: the case, its state&apos;s words, its errors.</extracomment>
        <translation>accept</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>必需材料不齐，不能受理：{missing}。请出具一次性补正告知。</source>
        <translation>Required materials are missing, the case cannot be accepted: {missing}. Issue the one-time correction notice.</translation>
    </message>
    <message>
        <location line="+5"/>
        <location filename="../../app/services/cases.py" line="+6"/>
        <source>出具补正告知</source>
        <translation>issue a correction notice</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>本件已出具过一次性补正告知，不能再次要求补正；材料仍不齐全的，请作出不予受理决定。</source>
        <translation>A one-time correction notice was already issued for this case and cannot be issued again; if materials are still missing, refuse the application.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>补正告知须一次性列明全部需补正的材料，请至少勾选一项。</source>
        <translation>A correction notice must list every missing material at once; tick at least one.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>补正告知须一次性列明全部缺少的必需材料，还缺：{missing}。</source>
        <translation>A correction notice must list every missing required material at once; also missing: {missing}.</translation>
    </message>
    <message>
        <location line="+7"/>
        <location filename="../../app/services/cases.py" line="+5"/>
        <source>登记补正材料</source>
        <translation>record supplied materials</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>请勾选申请人补交的材料。</source>
        <translation>Tick the materials the applicant supplied.</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+1"/>
        <location filename="../../app/services/cases.py" line="+4"/>
        <source>不予受理</source>
        <translation>refuse the application</translation>
    </message>
    <message>
        <location line="+9"/>
        <location filename="../../app/services/cases.py" line="+12"/>
        <source>办理环节</source>
        <translation>complete a step</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>当前应办理的是第{current}个环节，不是第{step}个。</source>
        <translation>The step to complete now is step {current}, not step {step}.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>本环节须作出准予或不予许可的决定。</source>
        <translation>This step needs a decision to approve or deny.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>“{step}”在大厅外办理</source>
        <translation>“{step}” takes place outside the hall</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+6"/>
        <location filename="../../app/services/cases.py" line="+5"/>
        <source>退回</source>
        <translation>return the case</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>只能退回到本件已经办理过的环节（受理之后、当前环节之前）。</source>
        <translation>A case can be returned only to a step it has passed (after acceptance, before the current step).</translation>
    </message>
    <message>
        <location line="+5"/>
        <location filename="../../app/services/cases.py" line="+6"/>
        <source>暂停计时</source>
        <translation>stop the clock</translation>
    </message>
    <message>
        <location line="+4"/>
        <location filename="../../app/services/cases.py" line="+3"/>
        <source>恢复计时</source>
        <translation>resume the clock</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+7"/>
        <location filename="../../app/services/cases.py" line="+11"/>
        <source>延长期限</source>
        <translation>extend the time limit</translation>
    </message>
    <message>
        <location filename="../../app/domain/case_rules.py" line="+89"/>
        <source>延长办理期限须经首席代表批准（《行政许可法》第四十二条）。</source>
        <translation>Extending the time limit needs the chief representative&apos;s approval (Administrative Licensing Law, Art. 42).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>即办件应当场办结，不能延长期限。</source>
        <translation>An on-the-spot case is finished at once; its time limit cannot be extended.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>本件已延长过一次期限，不能再次延长。</source>
        <translation>This case&apos;s time limit was already extended once and cannot be extended again.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>本件没有正在计算的办理期限，不能延长。</source>
        <translation>This case has no running time limit, so it cannot be extended.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>本件办理期限已于{due}届满，已经超时，不能延长：延长须在原办理期限内决定（《行政许可法》第四十二条），超时的天数如实记录。</source>
        <translation>The time limit of this case ran out on {due}; the case is overdue and cannot be extended: an extension must be decided within the original limit (Administrative Licensing Law, Art. 42), and the days overdue stay on the record.</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>只有上报件由上级中心作出决定。</source>
        <translation>Only a case reported up (上报件) is decided by the center above.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>本件已上报{center}，等待上级中心决定。</source>
        <translation>This case has been reported up to {center} and waits for its decision.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>本件尚未办理到决定环节，不能上报。</source>
        <translation>This case has not reached its decision step: it cannot be reported up yet.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>本件已上报{center}，由上级中心作出决定。</source>
        <translation>This case has been reported up to {center}: the center above decides it.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>本件没有上报{center}，由受理的中心作出决定。</source>
        <translation>This case was not reported up to {center}: the accepting center decides it.</translation>
    </message>
    <message>
        <location filename="../../app/domain/case.py" line="-2"/>
        <source>延长期限为1至{limit}个工作日（《行政许可法》第四十二条）。</source>
        <translation>An extension is 1 to {limit} working days (Administrative Licensing Law, Art. 42).</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>一表制申请由各部门分别审批，不单独作出决定；各部门全部准予后统一发证。</source>
        <translation>A one-form application is decided by each department, not as a whole; everything is issued together once every department has approved.</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../../app/services/cases.py" line="+20"/>
        <source>作出决定</source>
        <translation>decide</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>尚未到决定环节：请先办理“{step}”。</source>
        <translation>The case has not reached its decision step: complete “{step}” first.</translation>
    </message>
    <message>
        <location filename="../../app/domain/case_rules.py" line="-98"/>
        <source>“{item}”不在您的授权审批事项范围内。</source>
        <translation>“{item}” is not among the items you are authorised to decide.</translation>
    </message>
    <message>
        <location filename="../../app/domain/case.py" line="+5"/>
        <source>不予许可</source>
        <translation>deny</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>“{step}”须集体决策</source>
        <translation>“{step}” needs a collective decision</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>准予登记须赋予统一社会信用代码。</source>
        <translation>Approving a registration needs a unified social credit code.</translation>
    </message>
    <message>
        <location line="+6"/>
        <location filename="../../app/services/cases.py" line="+5"/>
        <source>上报</source>
        <translation>Report up</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>本终端没有登记上级中心，不能上报（请执行 onewindow register）。</source>
        <translation>This terminal has no center above registered: it cannot report up (run onewindow register).</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>一表制申请须在各部门全部准予后统一发证。</source>
        <translation>A one-form application is issued together once every department has approved.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>本件是一表制申请 {parent} 的子件，结果由受理窗口统一发放。</source>
        <translation>This case is part of the one-form application {parent}; the accepting window hands out all results together.</translation>
    </message>
    <message>
        <location line="+4"/>
        <location filename="../../app/services/cases.py" line="+3"/>
        <source>发证办结</source>
        <translation>issue and close</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>只有一表制申请才统一发证。</source>
        <translation>Only a one-form application is issued together.</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../app/services/cases.py" line="-122"/>
        <source>统一发证</source>
        <translation>issue together</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>还不能统一发证：{blockers}。</source>
        <translation>Cannot issue together yet: {blockers}.</translation>
    </message>
    <message>
        <location line="+11"/>
        <location filename="../../app/services/cases.py" line="+125"/>
        <source>登记取件</source>
        <translation>record the pick-up</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>一表制申请须整体撤回：请使用“撤回全部申请”。</source>
        <translation>A one-form application is withdrawn whole: use “Withdraw the whole application”.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>本件是一表制申请 {parent} 的子件，不能单独撤回，请在受理窗口撤回全部申请。</source>
        <translation>This case is part of the one-form application {parent} and cannot be withdrawn alone; withdraw the whole application at the accepting window.</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+3"/>
        <location filename="../../app/services/cases.py" line="-116"/>
        <location line="+124"/>
        <source>撤回</source>
        <translation>withdraw</translation>
    </message>
    <message>
        <location filename="../../app/domain/case_rules.py" line="-27"/>
        <source>办件当前状态为“{status}”，不能{action}。</source>
        <translation>The case is “{status}”: cannot {action}.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>本件不属于您所在部门，不能办理。</source>
        <translation>This case belongs to another department; you cannot act on it.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>“{step}”环节须由首席代表办理。</source>
        <translation>The step “{step}” is for the chief representative.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>“{step}”环节由{window}窗口办理。</source>
        <translation>The step “{step}” is done at window {window}.</translation>
    </message>
    <message>
        <location filename="../../app/domain/case.py" line="+43"/>
        <source>{action}须写明理由。</source>
        <translation>To {action}, give the reason.</translation>
    </message>
    <message>
        <location filename="../../app/domain/receiving.py" line="+47"/>
        <source>以下材料不在本事项的材料清单中：{materials}</source>
        <translation>These materials are not on the item&apos;s list: {materials}</translation>
    </message>
    <message>
        <location filename="../../app/domain/case.py" line="+6"/>
        <source>{item}（{case_no}）本窗口尚未收到</source>
        <translation>{item} ({case_no}) has not reached this window</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{item}已被不予许可：{reason}</source>
        <translation>{item} was denied: {reason}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{item}（{case_no}）{status}，尚未准予</source>
        <translation>{item} ({case_no}) is {status}, not yet approved</translation>
    </message>
    <message>
        <location filename="../../app/domain/case_records.py" line="+12"/>
        <source>{why}，须录入：{missing}。</source>
        <translation>{why}; enter: {missing}.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{field}“{typed}”无法识别，请按“2026-11-20”的格式填写。</source>
        <translation>{field} “{typed}” is not a date; write it as “2026-11-20”.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{field}不能晚于今天：事后录入的是已经发生的事。</source>
        <translation>{field} cannot be after today: a record is made of what has happened.</translation>
    </message>
    <message>
        <location filename="../../app/domain/case_state.py" line="+77"/>
        <source>待受理</source>
        <comment>status</comment>
        <extracomment>The committed time runs until one of these; the case clock stops there. Each status in words, defined once: the window translates these, print and CLI use str().</extracomment>
        <translation>Awaiting acceptance</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>待补正</source>
        <comment>status</comment>
        <translation>Awaiting correction</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>办理中</source>
        <comment>status</comment>
        <translation>In progress</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>暂停计时</source>
        <comment>status</comment>
        <translation>Clock stopped</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>准予许可</source>
        <comment>status</comment>
        <translation>Approved</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>不予许可</source>
        <comment>status</comment>
        <translation>Denied</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已办结</source>
        <comment>status</comment>
        <translation>Issued</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已取件</source>
        <comment>status</comment>
        <translation>Picked up</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>不予受理</source>
        <comment>status</comment>
        <translation>Refused</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已撤回</source>
        <comment>status</comment>
        <translation>Withdrawn</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>听证</source>
        <extracomment>Each Art. 45 procedure in words, defined once like the statuses.</extracomment>
        <translation>Hearing</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>招标</source>
        <translation>Tendering</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>拍卖</source>
        <translation>Auction</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>检验</source>
        <translation>Inspection</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>检测</source>
        <translation>Testing</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>检疫</source>
        <translation>Quarantine</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>鉴定</source>
        <translation>Appraisal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>专家评审</source>
        <translation>Expert review</translation>
    </message>
    <message>
        <location filename="../../app/domain/catalog.py" line="+40"/>
        <source>{subject}：{problems}</source>
        <translation>{subject}: {problems}</translation>
    </message>
    <message>
        <location line="+103"/>
        <source>部门数据不完整：{error}</source>
        <extracomment>Art. 45 of the Administrative Licensing Law: time spent here is not counted. A step assigned to one window (e.g. the 审核岗 of Liaocheng&apos;s four posts); &quot;&quot; for any window of the department whose staff hold the role.</extracomment>
        <translation>Department data incomplete: {error}</translation>
    </message>
    <message>
        <location line="+131"/>
        <source>缺少{label}</source>
        <extracomment>One-form (一表制) items: the item of each department that works on it in parallel. Approval assigns the unified social credit code (the business license). The levels of center that declare the item (accept it at their counters).</extracomment>
        <translation>{label} is missing</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{label}无法识别：{value}</source>
        <translation>{label} cannot be read: {value}</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>事项名称</source>
        <translation>item name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>实施部门</source>
        <translation>department</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>设定依据</source>
        <translation>legal basis</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>受理条件</source>
        <translation>conditions</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>申请材料</source>
        <translation>materials</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../app/services/catalog_sheet.py" line="+218"/>
        <source>办件类型</source>
        <translation>case kind</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>法定时限</source>
        <translation>legal time limit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>承诺时限</source>
        <translation>committed time limit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>收费金额</source>
        <translation>fee</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>办理大厅</source>
        <translation>hall</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>楼层</source>
        <translation>floor</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../app/domain/refusals.py" line="+42"/>
        <source>窗口</source>
        <translation>window</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>办理流程</source>
        <translation>procedure</translation>
    </message>
    <message>
        <location line="+4"/>
        <location filename="../../app/services/catalog_sheet.py" line="+13"/>
        <source>受理层级</source>
        <translation>levels of center that accept it</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>缺少事项编码</source>
        <translation>The item code is missing</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>承诺时限（{committed}个工作日）不得超过法定时限（{legal}个工作日）</source>
        <translation>The committed time limit ({committed} working days) may not exceed the legal one ({legal} working days)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>即办件的承诺时限应为0（当场办结）</source>
        <translation>An on-the-spot item&apos;s committed time limit must be 0 (finished at once)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>至少需要一项申请材料</source>
        <translation>At least one material is needed</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>一表制事项（含子事项）的办件类型应为联办件</source>
        <translation>A one-form item (with sub-items) must be a joint case</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>子事项不能重复，也不能包含事项本身</source>
        <translation>Sub-items may not repeat or include the item itself</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>办理流程至少包括受理和办结两个环节</source>
        <translation>A procedure has at least two steps: acceptance and completion</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>流程的第一个环节必须是“初审受理”</source>
        <translation>The first step must be “initial review and acceptance”</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>流程的最后一个环节必须是“缴费出证办结”或“向上级呈报”</source>
        <translation>The last step must be “fee, certificate and completion” or “report to the higher level”</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>只有上报件以“向上级呈报”结束</source>
        <translation>Only a reported case ends with “report to the higher level”</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>首席代表审核或集体决策环节至多一个，且须位于办结前</source>
        <translation>At most one chief-representative review or collective decision step, just before completion</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>第{number}个环节的承办角色只能是窗口人员或首席代表</source>
        <translation>Step {number} can be done only by a clerk or the chief representative</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>第{number}个环节“{step}”是否计入时限与《行政许可法》第四十五条不符</source>
        <translation>Whether step {number} “{step}” counts against the time limit contradicts Art. 45 of the Administrative Licensing Law</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>第{number}个环节“{step}”应由首席代表承办</source>
        <translation>Step {number} “{step}” must be done by the chief representative</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>计时环节合计{counted}个工作日，超过承诺时限{committed}个工作日</source>
        <translation>The counted steps take {counted} working days, more than the committed {committed} working days</translation>
    </message>
    <message>
        <location filename="../../app/domain/enterprise_form.py" line="+43"/>
        <source>申请表未受理：{reasons}</source>
        <extracomment>《公司法》（2023）第四十二条：有限责任公司由一个以上五十个以下股东出资设立。</extracomment>
        <translation>The form was not accepted: {reasons}</translation>
    </message>
    <message>
        <location line="+210"/>
        <source>“{text}”不是金额，请填写以万元为单位的数字</source>
        <translation>“{text}” is not an amount; enter a number in 10,000 yuan</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>金额须大于0</source>
        <translation>The amount must be more than 0</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>金额以万元为单位，最多精确到元（小数点后4位）</source>
        <translation>Amounts are in 10,000 yuan, exact to the yuan at most (4 decimal places)</translation>
    </message>
    <message>
        <location filename="../../app/domain/enterprise_form_checks.py" line="+48"/>
        <source>请填写企业名称</source>
        <extracomment>A company&apos;s name ends with its legal form (《市场主体登记管理条例实施细则》第八条). Chinese characters, digits and the brackets a name may hold around its place or line. Notes one problem: the field to point at, and the message.</extracomment>
        <translation>Enter the company&apos;s name</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>企业名称只能使用汉字、数字和括号</source>
        <translation>A company name may hold only Chinese characters, digits and brackets</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>有限责任公司的名称应以“有限责任公司”或“有限公司”结尾</source>
        <translation>A limited company&apos;s name must end with “有限责任公司” or “有限公司”</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>企业名称应为6至50个字（含行政区划、字号、行业和组织形式）</source>
        <translation>A company name has 6 to 50 characters (place, trade name, industry and legal form)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>企业名称不得含有“{term}”</source>
        <translation>A company name may not contain “{term}”</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>注册资本须大于0</source>
        <translation>The registered capital must be more than 0</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>注册资本超出可登记范围，请核对单位（万元）</source>
        <translation>The registered capital is beyond what can be registered; check the unit (10,000 yuan)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>请填写经营范围（每项一条规范表述）</source>
        <translation>Enter the business scope (one standard term each)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>请填写完整的住所（具体到门牌号）</source>
        <translation>Enter the full domicile (down to the street number)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>企业联系电话</source>
        <translation>Company phone</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>法定代表人</source>
        <translation>Legal representative</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>请选择法定代表人职务</source>
        <translation>Choose the legal representative&apos;s position</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>至少需要一名股东</source>
        <translation>At least one shareholder is needed</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>有限责任公司由一至{most}名股东出资设立（公司法第四十二条），现有{count}名</source>
        <translation>A limited liability company has one to {most} shareholders (Company Law, Art. 42); this one has {count}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>股东{number}</source>
        <translation>Shareholder {number}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{label}的认缴出资额须大于0</source>
        <translation>{label}&apos;s subscribed capital must be more than 0</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{label}的认缴出资期限不能早于今天</source>
        <translation>{label}&apos;s contribution date cannot be before today</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>同一人不能重复登记为两名股东</source>
        <translation>The same person cannot be two shareholders</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>股东出资比例合计为{share}%，应为100%（认缴出资合计{total}万元，注册资本{capital}万元）</source>
        <translation>The shareholders&apos; shares add up to {share}%, not 100% (subscribed {total} in 10,000 yuan, registered capital {capital})</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>监事不得由法定代表人（董事、高级管理人员）兼任</source>
        <translation>The supervisor cannot be the legal representative (a director or senior manager)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>从业人数不能为负数</source>
        <translation>The number of employees cannot be negative</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>财务负责人电话</source>
        <translation>Financial officer&apos;s phone</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>刻制印章枚数应为1至10枚</source>
        <translation>Seals to be cut: 1 to 10</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>营业期限不能为负数</source>
        <translation>The term of operation cannot be negative</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>请读取{label}的身份证</source>
        <translation>Read the ID card of {label}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{label}（{name}）：{error}</source>
        <translation>{label} ({name}): {error}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{label}（{name}）的证件已于{year}年{month}月{day}日过期，请出示有效身份证件</source>
        <translation>The card of {label} ({name}) expired on {year}-{month}-{day}; please show a valid identity document</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>请填写{label}（法人股东）的名称</source>
        <translation>Please enter the name of {label} (legal-person shareholder)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{label}（{name}）的统一社会信用代码有误：{error}</source>
        <translation>The unified social credit code of {label} ({name}) is wrong: {error}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{label}应为11位手机号或带区号的固定电话</source>
        <translation>{label} must be an 11-digit mobile number or a landline with its area code</translation>
    </message>
    <message>
        <location filename="../../app/domain/events.py" line="+324"/>
        <source>第{expected}条记录缺失或顺序错乱（实际为第{actual}条）</source>
        <extracomment>The payload as canonical JSON: what is stored, sent and hashed (derived when not given). SHA-256 of the full payload text, which the hash covers in its place; &quot;&quot; for an event hashed over its payload (written before version 2). A payload held masked does not match it. The canonical head as a stored row holds it, when its texts are byte for byte the canonical ones (`stored_head`): hashed as it stands; &quot;&quot; when it is to be written out. Set by `event_from_fields` alone, never copied by `replace` (a changed copy derives them again): the row&apos;s fields in `EVENT_FIELDS` order when its texts are the canonical ones (as `stored_head`), so that storing the event writes them as they stand; and, for a receipt, whether its payload is a masked copy (`is_masked_copy`), found from the parse that decoded it (None: not looked at). The head&apos;s text fields: what `canonical_head` writes as JSON strings, in its order. One encoder for every canonical text (`json.dumps` with these arguments builds a new one per call). A stored id or time that `head()` writes back exactly as it stands: a UUID in lower case; a time with microseconds and an offset in hours and minutes (&quot;-00:00&quot; reads back as &quot;+00:00&quot;). Whether it is a valid time at all, parsing the row says. The id, the case&apos;s id and the time, one after the other (each id of `_ID_LENGTH`): one match for the three. A case&apos;s events are read together: its id is parsed once, not once per event. The stored fields of an event but its digest, which a row of an older store may lack.</extracomment>
        <translation>Record {expected} is missing or out of order (found record {actual})</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>第{position}条记录与上一条记录的哈希不相连</source>
        <translation>Record {position} does not link to the hash of the record before it</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>第{position}条记录（{kind}）的内容与哈希不符，可能被改动</source>
        <translation>Record {position} ({kind}) does not match its hash and may have been altered</translation>
    </message>
    <message>
        <location filename="../../app/domain/identity.py" line="+103"/>
        <source>请输入身份证号码</source>
        <extracomment>GB 11643: ISO 7064 MOD 11-2 weights and the check character for each remainder. The first two digits of a division code; 83 appears on Taiwan residents&apos; residence permits.</extracomment>
        <translation>Enter the ID number</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>身份证号码应为18位，现在是{count}位</source>
        <translation>An ID number has 18 characters; this one has {count}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>身份证号码校验位错误：应为 {expected}，输入的是 {typed}，请逐位核对号码</source>
        <translation>Wrong check character: it should be {expected}, {typed} was typed; check the number character by character</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>身份证号码只有18位，现在已输入{count}位</source>
        <translation>An ID number has only 18 characters; {count} have been typed</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>身份证号码第{position}位“{character}”无效：前17位只能是数字</source>
        <translation>Character {position} “{character}” is not valid: the first 17 must be digits</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>身份证号码第18位“{character}”无效：最后一位只能是数字或X</source>
        <translation>Character 18 “{character}” is not valid: the last one must be a digit or X</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>身份证号码前两位“{code}”不是有效的省级行政区划代码</source>
        <translation>The first two digits “{code}” are not a province code</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>身份证号码中的出生年份{year}早于1900年</source>
        <translation>The year of birth {year} is before 1900</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>身份证号码中的出生年份{year}晚于今年</source>
        <translation>The year of birth {year} is after this year</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>身份证号码中的出生月份“{month}”不存在</source>
        <translation>The month of birth “{month}” does not exist</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>身份证号码中的出生年月{year}年{month}月晚于本月</source>
        <translation>The month of birth {year}-{month} is after this month</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>身份证号码中的出生日期“{digits}”不存在</source>
        <translation>The date of birth “{digits}” does not exist</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>身份证号码中的出生日期{year}年{month}月{day}日早于1900年</source>
        <translation>The date of birth {year}-{month}-{day} is before 1900</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>身份证号码中的出生日期{year}年{month}月{day}日晚于今天</source>
        <translation>The date of birth {year}-{month}-{day} is after today</translation>
    </message>
    <message>
        <location filename="../../app/domain/credit_code.py" line="+82"/>
        <source>请输入统一社会信用代码</source>
        <extracomment>GB 32100: 31 characters, no I, O, S, V or Z (too easily read as 1, 0, 5, U and 2). Registration authority (登记管理部门, character 1) → the organisation categories it may register (机构类别, character 2), as assigned under GB 32100 in practice. 1, 5, 9 and Y are the four of the 2015 text; the others were added for law firms, trade unions, religious sites, rural collectives and so on, which all come to a service center too. GB 11714: weights of the 8 body characters; the check is 11 - sum mod 11.</extracomment>
        <translation>Enter the unified social credit code</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>统一社会信用代码应为18位，现在是{count}位</source>
        <translation>A credit code has 18 characters; this one has {count}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>统一社会信用代码校验位错误：应为 {expected}，输入的是 {typed}，请逐位核对</source>
        <translation>Wrong check character in the credit code: it should be {expected}, {typed} was typed; check it character by character</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>统一社会信用代码只有18位，现在已输入{count}位</source>
        <translation>A credit code has only 18 characters; {count} have been typed</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>统一社会信用代码第1位“{character}”不是有效的登记管理部门代码</source>
        <translation>Character 1 “{character}” of the credit code is not a registration authority</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>统一社会信用代码第{position}位“{character}”无效：第3-8位是登记机关的行政区划代码，只能是数字</source>
        <translation>Character {position} “{character}” of the credit code is not valid: characters 3-8 are the division code of the registering office, digits only</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>统一社会信用代码不能含有字母 I、O、S、V、Z：第{position}位是“{character}”</source>
        <translation>A credit code cannot contain the letters I, O, S, V, Z: character {position} is “{character}”</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>统一社会信用代码第{position}位“{character}”无效：只能是数字或大写字母</source>
        <translation>Character {position} “{character}” of the credit code is not valid: digits or capital letters only</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>统一社会信用代码第2位“{category}”无效：登记管理部门“{name}”（{authority}）下的机构类别只能是{allowed}</source>
        <translation>Character 2 “{category}” of the credit code is not valid: under the registration authority “{name}” ({authority}) the category can only be {allowed}</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>统一社会信用代码第9-17位（组织机构代码）校验位错误：第17位应为 {expected}，输入的是 {typed}</source>
        <translation>Wrong check character in characters 9-17 (organization code): character 17 should be {expected}, {typed} was typed</translation>
    </message>
    <message>
        <location filename="../../app/domain/identity.py" line="+56"/>
        <source>永久居留身份证号码应为3位字母加12位数字（2017版）或以9开头的18位（2023版）</source>
        <translation>A permanent residence card number is 3 letters and 12 digits (2017 card) or 18 characters beginning with 9 (2023 card)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>永久居留身份证号码校验位错误：应为 {expected}，请逐位核对号码</source>
        <translation>Wrong check character in the permanent residence card number: it should be {expected}; check it character by character</translation>
    </message>
    <message>
        <location filename="../../app/domain/joint.py" line="+74"/>
        <source>一表制事项的子事项与事项清单不一致，请刷新事项清单后重试。</source>
        <extracomment>Characters of an organization code body that the credit code alphabet also allows.</extracomment>
        <translation>The one-form item&apos;s sub-items do not match the catalog; refresh the catalog and try again.</translation>
    </message>
    <message>
        <location filename="../../app/domain/messages.py" line="+63"/>
        <source>、</source>
        <extracomment>(template, disambiguation) → the template in the reader&apos;s language Tells apart two meanings of the same Chinese words (不予受理 the state, the action). How list values are joined; a template of its own so that English can say &quot;, &quot;.</extracomment>
        <translation>, </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>；</source>
        <translation>; </translation>
    </message>
    <message>
        <location filename="../../app/domain/roles.py" line="+115"/>
        <source>当前账号（{role}）无权{what}</source>
        <extracomment>The departments of the window set up where the actor sits (several at a comprehensive window); empty where no window is set up, and the actor&apos;s own department rules.</extracomment>
        <translation>This account ({role}) may not {what}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>窗口人员</source>
        <extracomment>Each role in words, defined once: the window translates these, the CLI uses str().</extracomment>
        <translation>Clerk</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>首席代表</source>
        <translation>Chief representative</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>电子监察</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>系统管理员</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>自助终端</source>
        <translation>Kiosk</translation>
    </message>
    <message>
        <location filename="../../app/services/auth.py" line="+199"/>
        <source>用户名或密码不正确</source>
        <translation>Wrong user name or password</translation>
    </message>
    <message>
        <location filename="../../app/services/staff.py" line="+73"/>
        <location line="+6"/>
        <location line="+17"/>
        <location line="+6"/>
        <location line="+96"/>
        <location line="+42"/>
        <location line="+23"/>
        <source>管理工作人员账号</source>
        <extracomment>How far back a lock can have begun and still hold (the longest `login_lock_minutes`). Letters and digits a one-time password is drawn from (no 0/O, 1/l/I to misread).</extracomment>
        <translation>manage staff accounts</translation>
    </message>
    <message>
        <location filename="../../app/domain/passwords.py" line="+26"/>
        <source>密码至少8位</source>
        <extracomment>An 18-character resident ID number (GB 11643): 17 digits and a digit or X.</extracomment>
        <translation>A password has at least 8 characters</translation>
    </message>
    <message>
        <location filename="../../app/services/calendar.py" line="+48"/>
        <source>维护节假日安排</source>
        <extracomment>How far ahead the administrator is warned about a year whose schedule is missing.</extracomment>
        <translation>maintain holiday schedules</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>无法读取节假日安排文件 {file}：{error}</source>
        <translation>Cannot read the holiday schedule file {file}: {error}</translation>
    </message>
    <message>
        <location filename="../../app/services/cases.py" line="-229"/>
        <location line="+55"/>
        <source>接件</source>
        <extracomment>A case command: it checks its rule, records its event and folds it into the case. A command that also needs the store, e.g. to number a credit code in the same transaction. Given the misfits of an import inside its transaction (see `CaseService.import_events`). How many cases the chief&apos;s desk lists at a time (earliest due first).</extracomment>
        <translation>receive applications</translation>
    </message>
    <message>
        <location line="-53"/>
        <location line="+54"/>
        <source>受理办件</source>
        <translation>accept cases</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{item}不是一表制事项</source>
        <translation>{item} is not a one-form item</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>查询申请人记录</source>
        <translation>look up applicants&apos; records</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>查看待决定办件</source>
        <translation>see cases awaiting decision</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>延长办理期限</source>
        <translation>extend time limits</translation>
    </message>
    <message>
        <location line="+18"/>
        <location filename="../../app/services/reported_cases.py" line="+74"/>
        <location line="+17"/>
        <source>作出许可决定</source>
        <extracomment>Why the deciding chief reads a case sent up here whole (`central.disclosures`).</extracomment>
        <translation>decide on licences</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>查看办件</source>
        <translation>see cases</translation>
    </message>
    <message>
        <location line="+87"/>
        <source>“{item}”由{department}受理，不属于本窗口所在部门，不能在此受理；请引导申请人到{window}窗口办理。</source>
        <translation>&quot;{item}&quot; is accepted by {department}, not a department of this window, so it cannot be accepted here; please send the applicant to window {window}.</translation>
    </message>
    <message>
        <location filename="../../app/services/case_transactions.py" line="+88"/>
        <location filename="../../app/services/full_record.py" line="+50"/>
        <source>没有编号为 {case_no} 的办件</source>
        <extracomment>A command on a one-form parent and its children together. this counter&apos;s center&apos;s level (and the center above&apos;s at a joint window) this terminal&apos;s name: its own events are never held masked (`verify_chain`)</extracomment>
        <translation>No case numbered {case_no}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>没有编号为 {case_no} 的本部门办件</source>
        <translation>No case of this department numbered {case_no}</translation>
    </message>
    <message>
        <location filename="../../app/services/catalog.py" line="+80"/>
        <source>事项清单中没有编码为 {code} 的事项</source>
        <translation>No item with the code {code} in the catalog</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>导入事项清单</source>
        <translation>import the item catalog</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>事项编码 {code} 重复</source>
        <translation>Item code {code} appears twice</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>实施部门 {department} 不在部门名单中</source>
        <translation>Department {department} is not in the list of departments</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>窗口 {window} 不属于{department}</source>
        <translation>Window {window} does not belong to {department}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>环节“{step}”的窗口 {window} 不属于{department}</source>
        <translation>Window {window} of step “{step}” does not belong to {department}</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>子事项 {child} 不在事项清单中</source>
        <translation>Sub-item {child} is not in the catalog</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>子事项 {child} 本身也是一表制事项，不能嵌套</source>
        <translation>Sub-item {child} is a one-form item itself; they cannot nest</translation>
    </message>
    <message>
        <location filename="../../app/services/catalog_sheet.py" line="-49"/>
        <source>表头缺少列：{columns}</source>
        <translation>Columns missing from the header: {columns}</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>本行无法读取：{error}</source>
        <translation>This row cannot be read: {error}</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>申请材料“{line}”应写成“名称｜必需｜原件｜1”</source>
        <translation>Material “{line}” must be written “name｜必需｜原件｜1”</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>申请材料“{line}”应写成“名称｜必需或选填｜原件或复印件｜份数”</source>
        <translation>Material “{line}” must be written “name｜必需 or 选填｜原件 or 复印件｜copies”</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>办理流程“{line}”应写成“环节名称｜流程要素｜承办角色｜时限｜计时或不计时”（可再加“｜窗口”）</source>
        <translation>Procedure step “{line}” must be written “step name｜flow element｜role｜days｜计时 or 不计时” (optionally “｜window”)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>流程要素</source>
        <translation>flow element</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>承办角色</source>
        <translation>role</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>{label}“{text}”无法识别，应为：{titles}</source>
        <translation>{label} “{text}” cannot be read; it must be one of: {titles}</translation>
    </message>
    <message>
        <location filename="../../app/services/errors.py" line="+47"/>
        <source>事项表未导入，以下各行有误：</source>
        <translation>The item sheet was not imported; these rows are wrong:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{message}
第{row}行：{reason}</source>
        <translation>{message}
row {row}: {reason}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{message}
……另有{count}行有误</source>
        <translation>{message}
… and {count} more rows are wrong</translation>
    </message>
    <message>
        <location filename="../../app/services/printing.py" line="+139"/>
        <source>{slip}已打印</source>
        <translation>{slip} printed</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{why}；{slip}已放入补打队列</source>
        <translation>{why}; {slip} joined the reprint queue</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>日结单</source>
        <translation>daily report</translation>
    </message>
    <message>
        <location line="-51"/>
        <location line="+58"/>
        <location line="+130"/>
        <source>打印</source>
        <extracomment>Opens the printer a setting names (`simulator`, `tcp:HOST:PORT`, …). Builds again, for a reprint, a slip another service laid out: from the job&apos;s key. The printer of the `simulator` setting: one per process, so that the demo menu can play a printer in trouble and the tests can read what it printed.</extracomment>
        <translation>print</translation>
    </message>
    <message>
        <location line="-122"/>
        <source>测试页已打印（{printer}）</source>
        <translation>Test page printed ({printer})</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>打印前不查询打印机状态（设置中已关闭）</source>
        <translation>The printer&apos;s status is not asked before printing (switched off in the settings)</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>修改本终端的打印机设置</source>
        <translation>change this counter&apos;s printer settings</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>印章图片 {path} 不存在，请重新选择</source>
        <translation>The seal image {path} does not exist; choose it again</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>查看补打队列</source>
        <translation>see the reprint queue</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>补打</source>
        <translation>reprint</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>补打队列中没有这张凭条（可能已经补打）</source>
        <translation>This slip is not in the reprint queue (it may have been reprinted)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{slip}已补打</source>
        <translation>{slip} reprinted</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{why}；仍在补打队列中</source>
        <translation>{why}; still in the reprint queue</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>通知书</source>
        <translation>notice</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>{what}没有保存到 {path}：{error}</source>
        <translation>The {what} was not saved to {path}: {error}</translation>
    </message>
    <message>
        <location line="+85"/>
        <source>自助取号凭条</source>
        <translation>Kiosk queue slip</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>当日办件日结单</source>
        <translation>Daily report of cases</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>{done}；{warning}</source>
        <translation>{done}; {warning}</translation>
    </message>
    <message>
        <location filename="../../app/services/sync.py" line="+215"/>
        <source>查看同步隔离区</source>
        <translation>see the sync quarantine</translation>
    </message>
    <message>
        <location filename="../../app/setting_declarations.py" line="+64"/>
        <source>中心名称（打印在回执上）</source>
        <extracomment>What a terminal is for: a clerk&apos;s counter, the self-service kiosk, the hall&apos;s display. For the settings dialog&apos;s editor: the values to choose from, or a number&apos;s bounds.</extracomment>
        <translation>Center name (printed on the slips)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>中心咨询电话</source>
        <translation>Center&apos;s enquiry phone</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>本终端在中心内的编号（1-99，由管理员分配，不得重复）</source>
        <translation>This counter&apos;s number in the center (1-99, given by the administrator, never repeated)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>本终端名称</source>
        <translation>This counter&apos;s name</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>本终端的用途：counter 窗口、kiosk 自助终端、display 叫号屏（由管理员设定）</source>
        <translation>What this terminal is: counter (a window), kiosk (self-service) or display (the hall display); set by the administrator</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>自助终端以哪个自助终端账号工作（该账号不能在窗口登录，也不输入密码）</source>
        <translation>The kiosk account this kiosk works as (it cannot sign in at a counter, and no password is typed)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>自助终端无人触摸多少秒后回到首页并清除申请人信息（15-600）</source>
        <translation>Seconds without a touch after which the kiosk returns to its start and forgets the applicant (15-600)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>本中心的级别（由中心数据库登记时给出；只受理本级声明的事项）</source>
        <translation>This center&apos;s level (given by the central&apos;s registration; only items declared at this level are accepted)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>本中心的编码（由中心数据库登记时给出）</source>
        <translation>This center&apos;s code (given by the central&apos;s registration)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>上级中心的编码（由中心数据库登记时给出；上报件报往此中心）</source>
        <translation>The code of the center above (given by the central&apos;s registration; cases reported up go there)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>本窗口为市县合一窗口时，上级中心的级别（由中心数据库登记时给出；留空则不是）</source>
        <translation>For a joint city + district window, the level of the center above (given by the central&apos;s registration; empty if this is not one)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>本中心所在地的行政区划代码（6位数字，用于赋予统一社会信用代码）</source>
        <translation>The center&apos;s division code (6 digits, used for unified social credit codes)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>无操作多少分钟后锁屏（1-240）</source>
        <translation>Lock the screen after this many idle minutes (1-240)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>界面语言：zh_CN 或 en</source>
        <translation>Interface language: zh_CN or en</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>身份证读卡器：{help}</source>
        <translation>ID card reader: {help}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>身份证照片解码插件（读卡器厂商提供，写“模块.类名”；留空则显示占位图）</source>
        <translation>ID photo decoder plug-in (from the reader&apos;s vendor, written “module.Class”; empty shows a placeholder)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>凭条打印机：{help}</source>
        <translation>Slip printer: {help}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>凭条纸宽（毫米）：58 或 80</source>
        <translation>Slip paper width (mm): 58 or 80</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>以图像方式打印（打印机没有中文字库时选用）</source>
        <translation>Print as an image (for printers without Chinese fonts)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>打印前查询打印机状态（打印机不回应状态查询的，关闭此项）</source>
        <translation>Ask the printer&apos;s status before printing (switch off for printers that do not answer)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>登记办件后自动打印凭条</source>
        <translation>Print the slip as soon as a case is registered</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>每批上传的记录条数（10-10000；网络慢时调小）</source>
        <translation>Events sent up per batch (10–10000; smaller on a slow network)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>每次取回并保存的记录条数（10-20000；补取大量记录时越大越快，占用内存也越多）</source>
        <translation>Events brought down and stored per chunk (10–20000; larger catches up faster and uses more memory)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>通知书上的印章图片（PNG 文件路径；留空则印“样章”）</source>
        <translation>Seal image on the notices (a PNG file; empty prints a specimen)</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>取号：多少岁以上按老年人优先（按身份证出生日期；50-100）</source>
        <translation>Tickets: from what age the elderly go first (by the ID card&apos;s birth date; 50-100)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>叫号：预约号视同多等候几分钟（0-240）</source>
        <translation>Calling: an appointment ticket counts as having waited this many minutes more (0-240)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>叫号：老年人号视同多等候几分钟（0-240）</source>
        <translation>Calling: an elderly person&apos;s ticket counts as having waited this many minutes more (0-240)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>叫号：残疾人号视同多等候几分钟（0-240）</source>
        <translation>Calling: a disabled person&apos;s ticket counts as having waited this many minutes more (0-240)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>叫号：绿色通道号视同多等候几分钟（0-240）</source>
        <translation>Calling: a green channel ticket counts as having waited this many minutes more (0-240)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>叫号：队列中有人等候超过几分钟即先叫等候最久者（0 为不启用；0-240）</source>
        <translation>Calling: when someone in a queue has waited more than this many minutes, call the longest waiting first (0 = off; 0-240)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>取号：每次向中心数据库预领多少个号（5-200）</source>
        <translation>Tickets: how many numbers to lease ahead from the central database at a time (5-200)</translation>
    </message>
    <message>
        <location filename="../../app/settings.py" line="+81"/>
        <source>设置文件 {path} 中有无法识别的设置：{keys}</source>
        <extracomment>The center&apos;s values of its settings as its log folds (`adopt_center`): they stand over the file&apos;s, which stand while the center&apos;s are not known.</extracomment>
        <translation>The settings file {path} holds settings this version does not know: {keys}</translation>
    </message>
    <message>
        <location filename="../../app/services/settings.py" line="+112"/>
        <location filename="../../app/settings.py" line="+129"/>
        <source>{key} 的值 {value} 无效：{rule}</source>
        <extracomment>What a clerk may change at their counter. Each field of a `PrinterSetup` (`print_results`) and the setting that holds it; here, not beside the setup, so that the settings do not load the printing code. The printer&apos;s settings: a change to one is recorded as the printer&apos;s (打印机设置).</extracomment>
        <translation>The value {value} of {key} is not valid: {rule}</translation>
    </message>
    <message>
        <location line="+65"/>
        <location filename="../../app/settings.py" line="-75"/>
        <source>没有这样的设置：{keys}</source>
        <translation>No such setting: {keys}</translation>
    </message>
    <message>
        <location filename="../../app/settings.py" line="+34"/>
        <source>设置文件 {path} 无法读取：{error}</source>
        <translation>The settings file {path} cannot be read: {error}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>设置文件 {path} 不是 UTF-8 编码的文本</source>
        <translation>The settings file {path} is not UTF-8 text</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>设置文件 {path} 不是有效的 JSON：第{line}行第{column}列，{error}</source>
        <translation>The settings file {path} is not valid JSON: line {line}, column {column}, {error}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>设置文件 {path} 应是一个 JSON 对象（{{&quot;设置名&quot;: 值, …}}）</source>
        <translation>The settings file {path} must hold one JSON object ({{&quot;setting&quot;: value, …}})</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>设置文件 {path} 中 {key} 的值 {value} 无效：{rule}</source>
        <translation>In the settings file {path}, the value {value} of {key} is not valid: {rule}</translation>
    </message>
    <message>
        <location filename="../../app/devices/printer/status.py" line="+40"/>
        <source>打印机就绪</source>
        <extracomment>DLE EOT: the real-time status query; the byte after it says which status (1, 2 or 4).</extracomment>
        <translation>Printer ready</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>打印机没有回应状态查询（可能未开机或不支持状态查询）</source>
        <translation>The printer did not answer the status query (it may be off or not support status queries)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>打印机对状态查询的回答无法识别（可能不支持状态查询或串口设置不对）</source>
        <translation>The printer&apos;s answer to the status query cannot be read (it may not support status queries, or the serial settings are wrong)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>该打印机无法报告状态</source>
        <translation>This printer cannot report its status</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>打印机缺纸</source>
        <translation>Printer out of paper</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>打印机盖未关好</source>
        <translation>Printer cover open</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>打印机故障（如切刀卡住或过热），请检查后重新开机</source>
        <translation>Printer fault (a jammed cutter or overheating): check it and switch it on again</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>打印机离线</source>
        <translation>Printer offline</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>打印机纸将用尽</source>
        <translation>Printer paper nearly out</translation>
    </message>
    <message>
        <location line="+97"/>
        <source>{problems}</source>
        <translation>{problems}</translation>
    </message>
    <message>
        <location filename="../../app/devices/printer/usb_port.py" line="+52"/>
        <source>{printer} 没有回传通道，无法报告状态</source>
        <translation>{printer} has no return channel and cannot report its status</translation>
    </message>
    <message>
        <location filename="../../printing/notice_texts.py" line="+34"/>
        <source>受理通知书</source>
        <extracomment>Each notice&apos;s name: printed in Chinese (str), translated in the window.</extracomment>
        <translation>Acceptance notice</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>补正材料一次性告知书</source>
        <translation>One-time correction notice</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>不予受理决定书</source>
        <translation>Refusal decision</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>准予行政许可决定书</source>
        <translation>Licence approval decision</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>不予行政许可决定书</source>
        <translation>Licence denial decision</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>特别程序告知书</source>
        <translation>Special procedure notice</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>延长期限告知书</source>
        <translation>Extension notice</translation>
    </message>
    <message>
        <location line="+203"/>
        <source>本件尚未受理，不能出具受理通知书</source>
        <extracomment>The word in the document number (文号) of each kind: 〔2026〕受字第261102-01-007号.</extracomment>
        <translation>This case has not been accepted: no acceptance notice can be issued</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>本件没有出具补正告知，不能出具补正材料一次性告知书</source>
        <translation>No correction was requested for this case: no one-time correction notice can be issued</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>本件未作出不予受理决定，不能出具不予受理决定书</source>
        <translation>This case was not refused at intake: no refusal decision can be issued</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>本件未作出准予许可的决定，不能出具准予行政许可决定书</source>
        <translation>This case was not approved: no approval decision can be issued</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>本件未作出不予许可的决定，不能出具不予行政许可决定书</source>
        <translation>This case was not denied: no denial decision can be issued</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>本件没有进入特别程序（暂停计时），不能出具特别程序告知书</source>
        <translation>This case is not in a special procedure (clock paused): no special procedure notice can be issued</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>本件没有延长办理期限，不能出具延长期限告知书</source>
        <translation>This case&apos;s time limit was not extended: no extension notice can be issued</translation>
    </message>
    <message>
        <location filename="../../printing/slips.py" line="+32"/>
        <source>受理回执</source>
        <extracomment>Each slip&apos;s name: printed in Chinese (str), translated in the window.</extracomment>
        <translation>Acceptance receipt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>补正材料告知单</source>
        <translation>Correction slip</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>不予受理告知单</source>
        <translation>Refusal slip</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>接件单</source>
        <translation>Intake slip</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>办事流程告知单</source>
        <translation>Procedure slip</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>取件通知单</source>
        <translation>Pick-up slip</translation>
    </message>
    <message>
        <location line="+188"/>
        <source>本件尚未受理，不能打印受理回执</source>
        <extracomment>Statuses after which a result waits to be picked up (or was).</extracomment>
        <translation>This case has not been accepted: no acceptance receipt can be printed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>本件没有出具补正告知，不能打印补正材料告知单</source>
        <translation>No correction was requested for this case: no correction slip can be printed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>本件没有作出不予受理决定，不能打印不予受理告知单</source>
        <translation>This case was not refused at intake: no refusal slip can be printed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>本件尚无办理结果，不能打印取件通知单</source>
        <translation>This case has no result yet: no pick-up slip can be printed</translation>
    </message>
    <message>
        <location filename="../../app/services/settings.py" line="-53"/>
        <source>修改本终端的设备和中心设置</source>
        <translation>change this counter&apos;s devices and central settings</translation>
    </message>
    <message>
        <location filename="../../ui/one_form_rows.py" line="+357"/>
        <source>请读取{label}的证件</source>
        <translation>Please read the card of {label}</translation>
    </message>
    <message>
        <location filename="../../app/devices/idcard/simulator.py" line="+31"/>
        <source>居民身份证（{holder}）</source>
        <extracomment>Key → label for the demo menu (and `onewindow card read --simulator KEY`); the holder&apos;s name is the card&apos;s data, the kind of card is translated.</extracomment>
        <translation>Resident ID card ({holder})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>港澳台居民居住证（{holder}）</source>
        <translation>Residence permit for Hong Kong, Macau and Taiwan residents ({holder})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>外国人永久居留身份证2017版（{holder}）</source>
        <translation>Foreign permanent resident ID card, 2017 edition ({holder})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>外国人永久居留身份证2023版（{holder}）</source>
        <translation>Foreign permanent resident ID card, 2023 edition ({holder})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已过期的居民身份证（{holder}）</source>
        <translation>Expired resident ID card ({holder})</translation>
    </message>
    <message>
        <location filename="../../app/devices/printer/target.py" line="+27"/>
        <source>simulator（模拟打印机）、tcp:IP地址[:端口]（网络打印机，默认端口9100）、usb:厂商号:产品号（十六进制，如 usb:0416:5011）、serial:串口[:波特率]（如 serial:COM3 或 serial:/dev/ttyUSB0:115200，默认9600）、file:设备文件路径（如 file:/dev/usb/lp0）</source>
        <translation>simulator (simulated printer), tcp:IP address[:port] (network printer, port 9100 by default), usb:vendor:product (hex, e.g. usb:0416:5011), serial:port[:baud] (e.g. serial:COM3 or serial:/dev/ttyUSB0:115200, 9600 by default), file:device file path (e.g. file:/dev/usb/lp0)</translation>
    </message>
    <message>
        <location line="+108"/>
        <source>冒号后缺少端口</source>
        <translation>the port is missing after the colon</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>端口“{port}”不是 1–65535 之间的数字</source>
        <translation>port &quot;{port}&quot; is not a number from 1 to 65535</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>“{host}”不是 IPv4 地址或主机名</source>
        <translation>&quot;{host}&quot; is not an IPv4 address or a host name</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>缺少打印机的 IP 地址</source>
        <translation>the printer&apos;s IP address is missing</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>USB 打印机应写成 usb:厂商号:产品号，两个四位十六进制数</source>
        <translation>a USB printer is written usb:vendor:product, two four-digit hexadecimal numbers</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>波特率 {baudrate} 不常用，应为 {allowed} 之一</source>
        <translation>baud rate {baudrate} is unusual; it should be one of {allowed}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>缺少串口名</source>
        <translation>the serial port&apos;s name is missing</translation>
    </message>
    <message>
        <location filename="../../app/services/demo.py" line="+322"/>
        <source>{folder} 中已有 {cases} 件办件、{staff} 个账号，不是演示模式建立的：演示账号的密码是公开的（含管理员），不会写入这里。请为演示另选一个目录（ONEWINDOW_HOME）。</source>
        <extracomment>The made-up document by which each demo department authorised its chief representative. The file that marks a data folder as the demo&apos;s own (`onewindow --demo`). Demo history is numbered as if from terminals 90-99, never clashing with this counter&apos;s own. The demo&apos;s comprehensive window (综合窗口): market regulation, tax and the central bank&apos;s items at one window of hall A (一窗受理); its queues are those of its three departments.</extracomment>
        <translation>{folder} already holds {cases} cases and {staff} accounts not made by the demo: the demo accounts&apos; passwords are public (an administrator&apos;s among them) and are not written there. Choose another folder for the demo (ONEWINDOW_HOME).</translation>
    </message>
    <message>
        <location filename="../../printing/fonts.py" line="+45"/>
        <source>本机字体中没有字符 {characters}，无法打印；请安装 fonts-hanazono 等生僻字字体，或手写补全后盖章</source>
        <extracomment>Where Debian (fonts-wqy-microhei, fonts-hanazono) and Windows keep them, in order of choice. An administrator may point at another TrueType font (a .ttf, or a .ttc with `,index`).</extracomment>
        <translation>No font on this computer has the characters {characters}, so this cannot be printed; install a font for rare characters such as fonts-hanazono, or complete it by hand and stamp it</translation>
    </message>
    <message>
        <location line="+72"/>
        <source>环境变量 {variable} 指定的字体文件不存在：{path}</source>
        <translation>The font file named by the environment variable {variable} does not exist: {path}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>本机没有可用的中文字体：请安装 fonts-wqy-microhei（Debian），或在环境变量 {variable} 中指定一个 TrueType 中文字体文件</source>
        <translation>This computer has no Chinese font: install fonts-wqy-microhei (Debian), or name a TrueType Chinese font file in the environment variable {variable}</translation>
    </message>
    <message>
        <location filename="../../ui/operations.py" line="+47"/>
        <source>发生意外错误，已记录日志，请联系系统管理员。已录入的内容未丢失。</source>
        <translation>An unexpected error occurred and was logged; please contact the system administrator. Nothing you entered was lost.</translation>
    </message>
    <message>
        <location filename="../../app/domain/events.py" line="-282"/>
        <source>接件</source>
        <comment>event</comment>
        <extracomment>China Standard Time has no daylight saving: one fixed offset serves every center. An event&apos;s stored fields, in the order the local store and the central both use. The kinds whose payload names a person (ID numbers, phones): what the central may serve masked to a counter outside the case&apos;s department. Each kind in words, defined once: the window translates these, the command line uses str().</extracomment>
        <translation>Received</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>受理</source>
        <comment>event</comment>
        <translation>Accepted</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>一次性补正告知</source>
        <comment>event</comment>
        <translation>Correction notice</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>补齐材料</source>
        <comment>event</comment>
        <translation>Materials supplemented</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>不予受理</source>
        <comment>event</comment>
        <translation>Refused</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>环节办理完成</source>
        <comment>event</comment>
        <translation>Step completed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>退回</source>
        <comment>event</comment>
        <translation>Returned</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>暂停计时</source>
        <comment>event</comment>
        <translation>Clock stopped</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>恢复计时</source>
        <comment>event</comment>
        <translation>Clock resumed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>延长期限</source>
        <comment>event</comment>
        <translation>Time limit extended</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>作出决定</source>
        <comment>event</comment>
        <translation>Decided</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>发证办结</source>
        <comment>event</comment>
        <translation>Issued and closed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>取件</source>
        <comment>event</comment>
        <translation>Picked up</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>撤回</source>
        <comment>event</comment>
        <translation>Withdrawn</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>上报上级中心</source>
        <comment>event</comment>
        <translation>Reported up</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>无法识别的记录“{kind}”：{reason}</source>
        <translation>Unreadable record “{kind}”: {reason}</translation>
    </message>
    <message>
        <location filename="../../app/domain/event_data.py" line="+439"/>
        <location line="+8"/>
        <source>内容不是有效的JSON</source>
        <extracomment>The center the case belongs to when it is not the accepting terminal&apos;s own: at a joint window, the center above whose item it is (&quot;&quot; for the terminal&apos;s own center). The portal&apos;s number of an application filed online (channel &quot;online&quot;), for the receipt. The center above that decided a case reported up to it (&quot;&quot; for the case&apos;s own). Where a receipt&apos;s terms begin in its payload as written: &quot;terms&quot; is the last of its keys in sorted order, so the payload ends with them.</extracomment>
        <translation>its content is not valid JSON</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>本版本不认识此类记录</source>
        <translation>this version does not know this kind of record</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>内容不是一条记录</source>
        <translation>its content is not a record</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>缺少“{field}”</source>
        <translation>“{field}” is missing</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>内容格式不符（{error}）</source>
        <translation>its content has the wrong form ({error})</translation>
    </message>
    <message>
        <location filename="../../app/services/sync_report.py" line="+37"/>
        <source>{outcome} {count} 条</source>
        <translation>{outcome}: {count}</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>从中心取回 {count} 条</source>
        <translation>{count} fetched from the central</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{count} 条与本机记录冲突，已隔离</source>
        <translation>{count} conflicting with records here, quarantined</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>事项清单已更新（{count} 个事项）</source>
        <translation>Item catalog updated ({count} items)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{year}年节假日安排已更新</source>
        <translation>Holiday schedule for {year} updated</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>没有需要同步的记录</source>
        <translation>Nothing to sync</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{parts}</source>
        <translation>{parts}</translation>
    </message>
    <message>
        <location filename="../../app/services/sync.py" line="-19"/>
        <source>未设置中心数据库地址：本终端只在本机保存</source>
        <extracomment>Opens the link to the central named by a URL. Listens at the central (URL, this terminal, called with each other terminal that pushed). The central&apos;s refusals of this counter&apos;s staff, window and leave events.</extracomment>
        <translation>No central database address is set: this terminal keeps its records locally only</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>中心可以连接：本登录在中心登记为终端 {terminal}（{number} 号）</source>
        <translation>The central is reachable: this login is registered there as terminal {terminal} (no. {number})</translation>
    </message>
    <message>
        <location line="+129"/>
        <source>中心发布的事项清单有误，未采用：{reason}</source>
        <translation>The item catalog published by the central is wrong and was not adopted: {reason}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>中心发布的节假日安排有误，未采用：{reason}</source>
        <translation>The holiday schedule published by the central is wrong and was not adopted: {reason}</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>本终端没有设置中心数据库地址（central_url），只在本机保存</source>
        <translation>No central database address (central_url) is set for this terminal; records are kept on this computer only</translation>
    </message>
    <message>
        <location filename="../../app/devices/printer/usb_port.py" line="+18"/>
        <source>本机未安装 USB 打印支持（pyusb），不能使用{printer}；可改用网络或串口连接</source>
        <translation>USB printing support (pyusb) is not installed, so the {printer} cannot be used; connect it by network or serial port instead</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>找不到 USB 打印机 {id}：请检查打印机电源和 USB 线，以及设置中的厂商号和产品号</source>
        <translation>USB printer {id} not found: check the printer&apos;s power and USB cable, and the vendor and product IDs in the settings</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>本机缺少 USB 驱动库（libusb），不能使用{printer}；请安装 libusb 或改用网络、串口连接</source>
        <translation>The USB driver library (libusb) is missing, so the {printer} cannot be used; install libusb or connect by network or serial port</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{printer} 超时没有收下数据（请检查打印机是否缺纸、是否开机）</source>
        <translation>The {printer} did not take the data in time (check that it has paper and is switched on)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>没有权限使用{printer}（Linux 需要为打印机设置 udev 规则，或把用户加入 lp 组）</source>
        <translation>No permission to use the {printer} (on Linux, add a udev rule for the printer or put the user in the lp group)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{printer} 正被其他程序占用（如系统打印服务），请关闭后重试</source>
        <translation>The {printer} is in use by another program (such as the system print service); close it and try again</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{printer} 已断开：请检查 USB 线和打印机电源</source>
        <translation>The {printer} was disconnected: check the USB cable and the printer&apos;s power</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{printer} 无法使用：{detail}</source>
        <translation>The {printer} cannot be used: {detail}</translation>
    </message>
    <message>
        <location filename="../../app/devices/idcard/simulator.py" line="+85"/>
        <source>模拟读卡器尚未打开</source>
        <extracomment>A recognisable stand-in for the WLT photo (no decoder exists for real ones either).</extracomment>
        <translation>The simulated card reader is not open yet</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>模拟读卡器已拔出：请插回读卡器，或先手工录入</source>
        <translation>The simulated card reader is unplugged: plug it back in, or type the applicant in by hand</translation>
    </message>
    <message>
        <location filename="../../app/central/logins.py" line="+103"/>
        <source>中心级别须为 {levels} 之一</source>
        <extracomment>What a terminal reads (central migration 0012): its own center, or its center and every center below it (a supervision or administration terminal). Connections one counter&apos;s login may hold at once: the window&apos;s link and its listener, and a command run beside them. One counter can no longer take the server&apos;s every slot. Set on each counter&apos;s login in its database. A counter may still SET it in its own session (PostgreSQL cannot forbid that for a user-settable parameter); the central&apos;s pull horizon ends such a session anyway once it has sat idle in a transaction this long (migration 0008).</extracomment>
        <translation>The center level must be one of {levels}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>上级中心 {parent} 尚未登记</source>
        <translation>The parent center {parent} is not registered</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>中心 {center} 尚未登记（先执行 central add-center）</source>
        <translation>Center {center} is not registered (run central add-center first)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>中心 {center} 的 {number} 号终端（{name}）已登记为角色 {role}</source>
        <translation>Terminal {number} ({name}) of center {center} is already registered as role {role}</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>中心 {center} 没有上级中心，不能设合一窗口</source>
        <translation>Center {center} has no center above: it cannot have a joint window</translation>
    </message>
    <message>
        <location filename="../../app/central/schema.py" line="+62"/>
        <source>中心数据库须为 PostgreSQL：{url}</source>
        <extracomment>A session left open in a transaction holds back every counter&apos;s pull cursor (the transaction-id horizon): the central ends such a session after this long. `IS JSON` (used by the checks) came with PostgreSQL 16.</extracomment>
        <translation>The central database must be PostgreSQL: {url}</translation>
    </message>
    <message>
        <location line="+25"/>
        <location filename="../../app/sync/central_link.py" line="+378"/>
        <source>无法连接中心数据库 {url}：{reason}</source>
        <translation>Cannot connect to the central database {url}: {reason}</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>中心数据库需要 PostgreSQL 16 或更新版本</source>
        <translation>The central database needs PostgreSQL 16 or later</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>中心数据库的编码须为 UTF8（现为 {encoding}）</source>
        <translation>The central database&apos;s encoding must be UTF8 (it is {encoding})</translation>
    </message>
    <message>
        <location line="+102"/>
        <source>模式 {schema} 已存在，但属于 {owner} 而不是 {expected}</source>
        <translation>Schema {schema} exists but belongs to {owner}, not {expected}</translation>
    </message>
    <message>
        <location filename="../../app/central/supervision.py" line="+51"/>
        <location filename="../../app/central/tree.py" line="+66"/>
        <source>无法连接中心数据库：{reason}</source>
        <translation>Cannot connect to the central database: {reason}</translation>
    </message>
    <message>
        <location filename="../../app/cli/card_commands.py" line="+120"/>
        <source>本终端设置为不使用读卡器：请用 --reader、--serial 或 --simulator 指定</source>
        <extracomment>Seconds `card read` waits for a card to be placed.</extracomment>
        <translation>This terminal is set to use no card reader: name one with --reader, --serial or --simulator</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>{seconds} 秒内没有放上证件：请把身份证平放在读卡器上</source>
        <translation>No card was placed within {seconds} seconds: lay the ID card flat on the reader</translation>
    </message>
    <message>
        <location filename="../../app/cli/central_commands.py" line="+358"/>
        <source>请在该终端执行（一次写入中心地址、终端名称和编号、中心名称及区划代码）：</source>
        <translation>Run this on that terminal (it writes the central&apos;s address, the terminal&apos;s name and number, the center&apos;s name and the division code at once):</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>未给出 --url，内置中心数据库也没有在运行（先执行 central start）</source>
        <translation>No --url given and the built-in central database is not running (run central start first)</translation>
    </message>
    <message>
        <location filename="../../app/devices/idcard/backends.py" line="+20"/>
        <source>simulator、pcsc:读卡器名称（pcsc: 为第一台）、serial:串口（如 serial:COM3）或 none</source>
        <translation>simulator, pcsc:reader name (pcsc: for the first one), serial:port (e.g. serial:COM3) or none</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>本机未安装串口支持（pyserial），不能使用串口读卡器</source>
        <translation>Serial port support (pyserial) is not installed, so a serial card reader cannot be used</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>读卡器设置“{text}”无效：应为 {help}</source>
        <translation>The card reader setting “{text}” is not valid: it should be {help}</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>未检测到读卡器：请插好读卡器，或先手工录入</source>
        <translation>No card reader found: plug the reader in, or type the applicant in by hand</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>读卡器尚未连接，请稍候重试</source>
        <translation>The card reader is not connected yet; try again shortly</translation>
    </message>
    <message>
        <location filename="../../app/devices/idcard/frame.py" line="+103"/>
        <source>读卡器应答</source>
        <extracomment>The whole frame, preamble to check byte. The longest real reply is 2,321 bytes. The length field of the shortest reply (SW1 SW2 SW3 check) and request (command parameter check).</extracomment>
        <translation>The reader&apos;s reply</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>读卡器命令</source>
        <translation>The reader command</translation>
    </message>
    <message>
        <location line="+74"/>
        <source>{what}格式错误：缺少帧头，通信受到干扰，请重新放置证件</source>
        <translation>{what} is malformed (no frame header): the line was disturbed; place the card again</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{what}长度不符：声明 {length} 字节，收到 {received} 字节，数据不完整，请重新放置证件</source>
        <translation>{what} has the wrong length ({length} bytes declared, {received} received): the data is incomplete; place the card again</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{what}校验错误：数据在传输中损坏，请重新放置证件</source>
        <translation>{what} failed its check byte: the data was damaged on the way; place the card again</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>读卡器数据长度异常（{length} 字节），通信受到干扰，请重新放置证件</source>
        <translation>The reader sent an impossible length ({length} bytes): the line was disturbed; place the card again</translation>
    </message>
    <message>
        <location filename="../../app/devices/idcard/layouts.py" line="+92"/>
        <source>姓名</source>
        <translation>name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>英文姓名</source>
        <translation>English name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>英文姓名（续）</source>
        <translation>English name (continued)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>性别</source>
        <translation>gender</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>民族</source>
        <translation>ethnicity</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>国籍</source>
        <translation>nationality</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>出生日期</source>
        <translation>date of birth</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>住址</source>
        <translation>address</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>证件号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>签发机关</source>
        <translation>issuing authority</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>有效期起始日期</source>
        <translation>valid-from date</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>有效期截止日期</source>
        <translation>valid-to date</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>通行证号码</source>
        <translation>travel permit number</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>签发次数</source>
        <translation>issue count</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>证件版本号</source>
        <translation>card version</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>既往版本证件号码关联项</source>
        <translation>link to the previous card number</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>证件类型标识</source>
        <translation>card type mark</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>无法识别的证件类型（标识“{mark}”），请人工核对证件后手工录入</source>
        <translation>Unknown kind of card (mark “{mark}”): check the card and type the applicant in by hand</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>空</source>
        <translation>empty</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>证件文字信息应为{expected}字节，读卡器给出{received}字节，请重新放置证件</source>
        <translation>The card&apos;s text should be {expected} bytes but the reader gave {received}; place the card again</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>证件文字信息中的“{what}”不是有效的字符，请重新放置证件</source>
        <translation>The “{what}” in the card&apos;s text is not valid characters; place the card again</translation>
    </message>
    <message>
        <location filename="../../app/devices/idcard/pcsc.py" line="+34"/>
        <source>未安装 pyscard：PC/SC 读卡器不可用。请安装 pyscard（pip install pyscard），或改用串口读卡器；也可先手工录入</source>
        <translation>pyscard is not installed, so PC/SC card readers cannot be used. Install pyscard (pip install pyscard) or use a serial reader; meanwhile type the applicant in by hand</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>PC/SC 服务（pcscd）未运行，找不到任何读卡器：请启动 pcscd（sudo systemctl start pcscd）后重试；也可先手工录入</source>
        <translation>The PC/SC service (pcscd) is not running, so no reader can be found: start pcscd (sudo systemctl start pcscd) and try again; meanwhile type the applicant in by hand</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>请重新插拔读卡器，仍不行请联系管理员；也可先手工录入</source>
        <translation>unplug the reader and plug it in again, and call the administrator if that does not help; meanwhile type the applicant in by hand</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>读卡器拒绝了 PC/SC 命令（状态字 {sw1} {sw2}）：读卡器型号可能不兼容，{replug}</source>
        <translation>The reader refused the PC/SC command (status word {sw1} {sw2}): the reader model may not be compatible; {replug}</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>读卡器“{reader}”尚未连接，请稍候重试</source>
        <extracomment>The default tunnel; stateless, so one instance serves every transport.</extracomment>
        <translation>Card reader “{reader}” is not connected yet; try again shortly</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>找不到读卡器“{reader}”：读卡器未连接或已拔出。请插好读卡器，或在设置中重新选择读卡器；也可先手工录入</source>
        <translation>Card reader “{reader}” not found: it is not connected or was unplugged. Plug it in or choose the reader again in the settings; meanwhile type the applicant in by hand</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>读卡器“{name}”</source>
        <translation>Card reader “{name}”</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>读卡器</source>
        <translation>The card reader</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{reader}在规定时间内没有应答：请重新放置证件后再读</source>
        <translation>{reader} did not answer in time: place the card again and read it again</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{reader}未连接或已拔出：请插好读卡器；也可先手工录入</source>
        <translation>{reader} is not connected or was unplugged: plug it in; meanwhile type the applicant in by hand</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{reader}没有响应（安全模块未就绪或通信中断）：{replug}</source>
        <translation>{reader} does not respond (security module not ready or communication broken): {replug}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{reader}正被其他程序占用：请关闭其他读卡软件后重试</source>
        <translation>{reader} is in use by another program: close other card-reading software and try again</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{reader}不支持 T=1 通信协议：读卡器型号可能不兼容，{replug}</source>
        <translation>{reader} does not support the T=1 protocol: the reader model may not be compatible; {replug}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{reader}通信中断：{replug}</source>
        <translation>Communication with {reader} was broken: {replug}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{reader}通信失败（PC/SC 错误 0x{code}）：{replug}</source>
        <translation>Communication with {reader} failed (PC/SC error 0x{code}): {replug}</translation>
    </message>
    <message>
        <location filename="../../app/devices/idcard/photo.py" line="+48"/>
        <source>照片解码插件“{name}”的写法不对：应为“模块.类名”</source>
        <extracomment>Names the settings may use instead of a dotted path.</extracomment>
        <translation>The photo decoder plug-in “{name}” is written wrongly: it should be “module.ClassName”</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>无法加载照片解码插件“{name}”（{detail}），证件照片将不显示，请联系管理员检查设置</source>
        <translation>The photo decoder plug-in “{name}” cannot be loaded ({detail}); card photos will not be shown; ask the administrator to check the settings</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>照片解码插件“{name}”没有 decode 方法，证件照片将不显示，请联系管理员检查设置</source>
        <translation>The photo decoder plug-in “{name}” has no decode method; card photos will not be shown; ask the administrator to check the settings</translation>
    </message>
    <message>
        <location filename="../../app/devices/idcard/records.py" line="+48"/>
        <source>2017版永久居留身份证号码的校验规则未公开，号码只核对了格式，请与证件原件核对</source>
        <translation>The check rule of 2017 permanent residence card numbers is not published; only the number&apos;s format was checked, so compare it with the card</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>请人工核验证件后手工录入</source>
        <translation>check the card by eye and type the applicant in by hand</translation>
    </message>
    <message>
        <location line="+71"/>
        <source>读卡器返回的证件数据不完整（只有{size}字节），请重新放置证件</source>
        <translation>The card data from the reader is incomplete (only {size} bytes); place the card again</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>读卡器返回的证件数据长度不符：应为{expected}字节，收到{received}字节，请重新放置证件</source>
        <translation>The card data from the reader has the wrong length ({expected} bytes expected, {received} received); place the card again</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>证件中没有姓名，数据不可信，{then}</source>
        <translation>The card holds no name, so its data cannot be trusted; {then}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>证件有效期截止日期早于起始日期，请核对证件</source>
        <translation>The card&apos;s valid-to date is before its valid-from date; check the card</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>证件中的性别代码“{code}”无效，数据不可信，{then}</source>
        <translation>The card&apos;s gender code “{code}” is not valid, so its data cannot be trusted; {then}</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>证件中的{field}“{value}”不是有效日期，{then}</source>
        <translation>The card&apos;s {field} “{value}” is not a valid date; {then}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>证件中的出生日期{born}不可能（早于1900年或晚于今天），{then}</source>
        <translation>The card&apos;s date of birth {born} is impossible (before 1900 or after today); {then}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{y}年{m}月{d}日</source>
        <translation>{y}-{m}-{d}</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>证件号码中的出生日期与出生日期栏不一致，请核对证件</source>
        <translation>The date of birth in the ID number differs from the date of birth on the card; check the card</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>证件号码的顺序码（奇数为男、偶数为女）与性别不一致，请核对证件</source>
        <translation>The ID number&apos;s sequence code (odd for men, even for women) does not match the gender; check the card</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>港澳台居民居住证号码应以810000、820000或830000开头，请核对证件</source>
        <translation>A Hong Kong, Macao and Taiwan residence permit number should begin with 810000, 820000 or 830000; check the card</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>永久居留身份证号码“{number}”格式错误（应为3位字母加12位数字），{then}</source>
        <translation>The permanent residence card number “{number}” is malformed (it should be 3 letters and 12 digits); {then}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>永久居留身份证号码“{number}”格式错误（应为以9开头的18位），{then}</source>
        <translation>The permanent residence card number “{number}” is malformed (it should be 18 characters beginning with 9); {then}</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>民族代码“{code}”不在GB 3304民族代码表中，请按证件手工选择民族</source>
        <translation>The ethnicity code “{code}” is not in the GB 3304 table; choose the ethnicity by hand from the card</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>国籍代码“{code}”无法识别，请按证件手工填写国籍</source>
        <translation>The nationality code “{code}” is not recognised; type the nationality by hand from the card</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>证件中的签发次数“{value}”无法识别，请核对证件</source>
        <translation>The card&apos;s issue count “{value}” is not recognised; check the card</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>证件中的号码{number}无效：{reason}。{then}</source>
        <translation>The card&apos;s number {number} is not valid: {reason}. {then}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>证件中的号码{number}校验位错误（应为{expected}），证件数据不可信，{then}</source>
        <translation>The card&apos;s number {number} has a wrong check character (it should be {expected}), so its data cannot be trusted; {then}</translation>
    </message>
    <message>
        <location filename="../../app/devices/idcard/serial_port.py" line="+56"/>
        <source>打不开串口读卡器 {port}：请检查读卡器是否插好、串口名是否正确（{detail}）</source>
        <extracomment>How long one read from the port may block, so that the deadline is checked often.</extracomment>
        <translation>Cannot open the serial card reader {port}: check that it is plugged in and the port name is right ({detail})</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>串口读卡器 {port} 尚未打开</source>
        <translation>The serial card reader {port} is not open yet</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>串口读卡器 {port} 已断开：请检查连接线，或先手工录入（{detail}）</source>
        <translation>The serial card reader {port} was disconnected: check the cable, or type the applicant in by hand ({detail})</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>串口读卡器 {port} 发来 {count} 字节无法识别的数据，没有完整应答：请检查串口和波特率设置（默认115200）</source>
        <translation>The serial card reader {port} sent {count} bytes that make no sense and no whole reply: check the port and baud rate settings (115200 by default)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>串口读卡器 {port} 在 {seconds} 秒内没有应答：请检查读卡器</source>
        <translation>The serial card reader {port} did not answer within {seconds} seconds: check the reader</translation>
    </message>
    <message>
        <location filename="../../app/devices/idcard/session.py" line="+37"/>
        <source>请将身份证重新放在读卡器上</source>
        <extracomment>GA/T 467: a reader must not be asked to find a card more often than this (seconds). Time allowed for one whole read, both attempts included (a read takes about one second).</extracomment>
        <translation>place the ID card on the reader again</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>读卡时证件被移动，没有读完：{then}</source>
        <translation>The card was moved while it was being read and was not read completely: {then}</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>读卡超时：读卡器没有及时读完证件，{then}</source>
        <translation>Reading timed out: the reader did not finish reading the card in time; {then}</translation>
    </message>
    <message>
        <location filename="../../app/devices/idcard/status.py" line="+60"/>
        <source>请拿起证件，重新平放在读卡器上不要移动</source>
        <translation>lift the card, lay it flat on the reader again and do not move it</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请重新插拔读卡器，仍不行请联系管理员</source>
        <translation>unplug the reader and plug it in again, and call the administrator if that does not help</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>读卡器操作成功</source>
        <translation>Reader operation succeeded</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已找到证件</source>
        <translation>Card found</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>证件中没有这一项内容</source>
        <translation>The card has nothing for this item</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>读卡器上没有证件：请把身份证平放在读卡器上</source>
        <translation>No card on the reader: lay the ID card flat on the reader</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>选取证件失败：{place_again}</source>
        <translation>Selecting the card failed: {place_again}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>读卡器收到的命令校验错误（通信受到干扰），请重试</source>
        <translation>The reader got a command with a wrong check byte (the line was disturbed); try again</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>读卡器收到的命令长度错误（通信受到干扰），请重试</source>
        <translation>The reader got a command with a wrong length (the line was disturbed); try again</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>读卡器不认识这条命令：读卡器型号可能不兼容，{then}</source>
        <translation>The reader does not know this command: the reader model may not be compatible; {then}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>读卡器拒绝了这条命令（越权操作），请重新放置证件后再读</source>
        <translation>The reader refused this command (not permitted now); place the card again and read it again</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>读卡器报告无法识别的错误，{then}</source>
        <translation>The reader reported an unknown error; {then}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>证件对读卡器认证失败：{place_again}；多次失败说明证件可能已损坏</source>
        <translation>The card failed to authenticate the reader: {place_again}; repeated failures mean the card may be damaged</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>读卡器对证件认证失败：{place_again}；多次失败说明证件可能已损坏或不是有效证件</source>
        <translation>The reader failed to authenticate the card: {place_again}; repeated failures mean the card may be damaged or not a valid card</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>证件信息验证错误：{place_again}；多次失败请人工核验证件</source>
        <translation>The card&apos;s data failed verification: {place_again}; if it fails again, check the card by eye</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>读卡器上的卡不是身份证件：请放置居民身份证、居住证或外国人永久居留身份证</source>
        <translation>The card on the reader is not an identity card: place a resident ID card, a residence permit or a foreigner&apos;s permanent residence card</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>读取证件失败：{place_again}</source>
        <translation>Reading the card failed: {place_again}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>与证件通信失败（取随机数失败）：{place_again}</source>
        <translation>Communication with the card failed (getting a random number failed): {place_again}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>读卡器安全模块自检失败，暂时不能读卡：{then}；可先手工录入</source>
        <translation>The reader&apos;s security module failed its self-test and cannot read cards now: {then}; meanwhile type the applicant in by hand</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>读卡器安全模块未经授权，不能读卡：请联系管理员更换读卡器；可先手工录入</source>
        <translation>The reader&apos;s security module is not authorised and cannot read cards: ask the administrator to replace the reader; meanwhile type the applicant in by hand</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>读卡器返回未知状态码 0x{code}，{then}</source>
        <translation>The reader returned an unknown status code 0x{code}; {then}</translation>
    </message>
    <message>
        <location filename="../../app/devices/idcard/worker.py" line="+34"/>
        <source>读卡器出现意外错误，正在重新连接；可先手工录入（详情见日志）</source>
        <extracomment>Seconds between attempts to open a reader that is unplugged or broken.</extracomment>
        <translation>The card reader failed unexpectedly and is reconnecting; meanwhile type the applicant in by hand (details in the log)</translation>
    </message>
    <message>
        <location filename="../../app/devices/printer/backends.py" line="+36"/>
        <source>本机未安装串口支持（pyserial），不能使用{printer}</source>
        <translation>Serial port support (pyserial) is not installed, so the {printer} cannot be used</translation>
    </message>
    <message>
        <location filename="../../app/devices/printer/file_printer.py" line="+66"/>
        <source>{printer} 在 {seconds} 秒内没有收下打印内容（请检查打印机是否开机、缺纸）</source>
        <translation>The {printer} did not take the job within {seconds} seconds (check that it is switched on and has paper)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>无法写入{printer}：请检查打印机是否连接、路径是否正确（{detail}）</source>
        <translation>Cannot write to the {printer}: check that the printer is connected and the path is right ({detail})</translation>
    </message>
    <message>
        <location filename="../../app/devices/printer/network.py" line="+67"/>
        <source>打印机连接超时：{printer} 在 {seconds} 秒内没有收下打印内容（请检查打印机是否缺纸或卡纸）</source>
        <extracomment>How long to wait for the printer to close its side after the whole job went out.</extracomment>
        <translation>Printer timed out: the {printer} did not take the job within {seconds} seconds (check for missing or jammed paper)</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>{printer} 断开了连接，没有回答状态查询</source>
        <translation>The {printer} closed the connection without answering the status query</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>打印机连接超时：{printer} 在 {seconds} 秒内没有响应（请检查打印机电源和网线）</source>
        <translation>Printer timed out: the {printer} did not respond within {seconds} seconds (check its power and network cable)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>连接被拒绝（请检查打印机是否开机、IP 地址和端口是否正确）</source>
        <translation>connection refused (check that the printer is switched on and the IP address and port are right)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>打印机断开了连接（可能正被其他电脑占用，请稍后重试）</source>
        <translation>the printer closed the connection (another computer may be using it; try again later)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>找不到主机“{host}”（请检查打印机的 IP 地址）</source>
        <translation>host “{host}” not found (check the printer&apos;s IP address)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>网络不通（请检查网线和 IP 地址；{detail}）</source>
        <translation>network unreachable (check the cable and the IP address; {detail})</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>无法连接{printer}：{reason}</source>
        <translation>Cannot connect to the {printer}: {reason}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{printer} 断开了连接，打印内容可能没有送到（{detail}）</source>
        <translation>The {printer} closed the connection; the job may not have arrived ({detail})</translation>
    </message>
    <message>
        <location filename="../../app/devices/printer/serial_port.py" line="+69"/>
        <source>{printer} 在 {seconds} 秒内没有收下打印内容（请检查是否缺纸、是否开机，以及波特率和流控设置）</source>
        <extracomment>How long one read may block, so that the deadline is checked often. How often the output queue is looked at while the printer takes the job.</extracomment>
        <translation>The {printer} did not take the job within {seconds} seconds (check paper, power, baud rate and flow control)</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>串口 {device} 无法打开：请检查打印机连接线和串口名是否正确（{detail}）</source>
        <translation>Serial port {device} cannot be opened: check the printer cable and the port name ({detail})</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>{printer} 已断开：请检查连接线，打印内容可能没有送到（{detail}）</source>
        <translation>The {printer} was disconnected: check the cable; the job may not have arrived ({detail})</translation>
    </message>
    <message>
        <location filename="../../app/devices/printer/simulator.py" line="+72"/>
        <source>模拟打印机（打印内容保存在 {folder}）</source>
        <translation>simulated printer (jobs are saved in {folder})</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>{printer}：{words}，没有打印</source>
        <translation>{printer}: {words}; nothing was printed</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>模拟打印机无法写入 {folder}：{detail}</source>
        <translation>The simulated printer cannot write to {folder}: {detail}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>无法连接模拟打印机：连接被拒绝（演示：打印机未开机）</source>
        <translation>Cannot connect to the simulated printer: connection refused (demo: the printer is switched off)</translation>
    </message>
    <message>
        <location filename="../../app/devices/printer/target.py" line="-102"/>
        <source>网络打印机 {address}</source>
        <translation>network printer {address}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>USB 打印机 {id}</source>
        <translation>USB printer {id}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>串口打印机 {device}（{baudrate} 波特）</source>
        <translation>serial printer {device} ({baudrate} baud)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>打印机设备文件 {path}</source>
        <translation>printer device file {path}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>模拟打印机</source>
        <translation>simulated printer</translation>
    </message>
    <message>
        <location line="+100"/>
        <source>打印机设置“{text}”无效：应为 {help}</source>
        <translation>The printer setting “{text}” is not valid: it should be {help}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>打印机设置“{text}”无效：{reason}。应为 {help}</source>
        <translation>The printer setting “{text}” is not valid: {reason}. It should be {help}</translation>
    </message>
    <message>
        <location filename="../../app/domain/sync.py" line="+32"/>
        <source>已上传</source>
        <translation>Uploaded</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>中心已有（重复上传）</source>
        <translation>Already on the central (sent twice)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>中心有同编号但内容不同的记录</source>
        <translation>The central holds a record with the same ID but different content</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>中心该办件的同一环节已有另一条记录（分叉）</source>
        <translation>The central already holds another record at this position of the case (fork)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>中心拒收</source>
        <translation>Refused by the central</translation>
    </message>
    <message>
        <location filename="../../app/sync/central_link.py" line="-16"/>
        <source>本终端的登录在中心没有登记或已停用，请联系中心管理员</source>
        <translation>This terminal&apos;s login is not registered at the central or has been disabled; contact the central&apos;s administrator</translation>
    </message>
    <message>
        <location filename="../../app/sync/central_push.py" line="+75"/>
        <source>中心已有同编号的记录，但内容不同</source>
        <translation>The central already holds a record with this ID, with different content</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>中心该办件的第{position}条记录已是另一条</source>
        <translation>Record {position} of this case on the central is a different one</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>与中心数据库的连接中断：{reason}</source>
        <translation>The connection to the central database broke: {reason}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>中心数据库没有接受上传请求（{state}：{reason}）；中心的结构可能与本程序版本不符，请联系中心管理员。记录仍在本机，未丢失</source>
        <translation>The central database did not accept the upload ({state}: {reason}); the central&apos;s schema may not match this version of the program; contact the central&apos;s administrator. The records are still here, nothing is lost</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>中心拒收：这条记录不属于本终端或本中心</source>
        <translation>Refused by the central: this record does not belong to this terminal or center</translation>
    </message>
    <message>
        <location filename="../../app/sync/central_link.py" line="+15"/>
        <source>中心数据库拒绝登录（用户名或密码不对）：{url}</source>
        <translation>The central database refused the login (wrong user name or password): {url}</translation>
    </message>
    <message>
        <location filename="../../app/setting_declarations.py" line="-90"/>
        <source>中心数据库地址（postgresql://终端角色:密码@主机/库名，由中心管理员登记终端时给出；密码另存于系统密钥环或仅本账户可读的文件，不在此显示；留空则只在本机保存）</source>
        <translation>Central database address (postgresql://role:password@host/db, given by the center&apos;s administrator; the password is kept apart, in the system keyring or a file only this account can read, and not shown here; empty keeps everything on this machine)</translation>
    </message>
    <message>
        <location filename="../../app/domain/calendar.py" line="-166"/>
        <source>节假日安排应为一个JSON对象（含year、source、holidays），而不是列表或单个值</source>
        <translation>A holiday schedule must be one JSON object (with year, source, holidays), not a list or a single value</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>节假日安排的年份“{year}”无效，应为{first}至{last}之间的整数，如2026</source>
        <translation>The holiday schedule&apos;s year “{year}” is not valid: it must be a whole number from {first} to {last}, such as 2026</translation>
    </message>
    <message>
        <location line="+201"/>
        <source>日期超出日历范围（最晚为{last}）</source>
        <translation>The date is beyond the calendar (the last day is {last})</translation>
    </message>
    <message>
        <location filename="../../app/domain/catalog.py" line="-124"/>
        <location filename="../../app/domain/catalog_values.py" line="+91"/>
        <source>{label}{reason}</source>
        <translation>{label} {reason}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>名称</source>
        <translation>name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>份数</source>
        <translation>copies</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>第{number}个环节的名称</source>
        <translation>the name of step {number}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>第{number}个环节的时限</source>
        <translation>the time limit of step {number}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>第{number}个环节的窗口</source>
        <translation>the window of step {number}</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>收费标准</source>
        <translation>Fee standard</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>关键词</source>
        <translation>Keywords</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>一表制子事项</source>
        <translation>One-form child items</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>事项编码不能超过{limit}个字</source>
        <translation>The item code must not be longer than {limit} characters</translation>
    </message>
    <message>
        <location filename="../../app/services/calendar.py" line="+4"/>
        <source>节假日安排文件 {file} 嵌套过深，不是节假日安排</source>
        <translation>The holiday schedule file {file} is nested too deeply: it is no holiday schedule</translation>
    </message>
    <message>
        <location filename="../../app/services/catalog.py" line="-77"/>
        <source>事项表未能写入 {file}：{reason}</source>
        <translation>The catalog sheet could not be written to {file}: {reason}</translation>
    </message>
    <message>
        <location filename="../../app/services/catalog_sheet.py" line="-119"/>
        <source>找不到事项表 {file}</source>
        <extracomment>Columns a sheet from before one-form registration (or levels of center) may lack.</extracomment>
        <translation>Catalog sheet {file} not found</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{file} 不是 Excel 事项表（.xlsx），或文件已损坏</source>
        <translation>{file} is not an Excel catalog sheet (.xlsx), or the file is damaged</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>事项表中没有事项：表头以下没有任何一行</source>
        <translation>The catalog sheet holds no items: there is no row below the header</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>本行有无法读取的数字（如 NaN、Infinity），其后各行未读</source>
        <translation>This row holds a number that cannot be read (such as NaN or Infinity); the rows after it were not read</translation>
    </message>
    <message>
        <location filename="../../app/cli/arguments.py" line="+31"/>
        <source>不是数字</source>
        <extracomment>Central codes as the central&apos;s schema allows them (`centers.code`).</extracomment>
        <translation>not a number</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>不是整数</source>
        <translation>not a whole number</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>应在{low}至{high}之间</source>
        <translation>must be from {low} to {high}</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>中心代码应为1至16位字母或数字，如 340400</source>
        <translation>a center code is 1 to 16 letters or digits, such as 340400</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>不是数据库地址，应写成 postgresql://用户:密码@主机:端口/库</source>
        <translation>not a database address; write postgresql://user:password@host:port/database</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>第{position}个参数含有无法识别的字符（应为UTF-8文字）</source>
        <translation>argument {position} holds characters that cannot be read (UTF-8 text expected)</translation>
    </message>
    <message>
        <location filename="../../app/cli/main.py" line="+58"/>
        <source>另一个进程正在向本库写入演示办件，等它写完……</source>
        <extracomment>The shell&apos;s user acts as this terminal&apos;s local administrator. Upper bounds of the numbers a command takes: far above any real use, within what the store and the calendar hold. Said when another `demo-data` holds the store (the test of three at once waits for it).</extracomment>
        <translation>Another process is writing demo cases into this store; waiting for it to finish…</translation>
    </message>
    <message>
        <location filename="../../app/domain/catalog_values.py" line="-46"/>
        <source>应为{low}至{high}之间的整数（填的是“{value}”）</source>
        <extracomment>Working days of a time limit, of a whole item or of one step. Yuan: far above any fee a service center collects. Characters of a name, a material, a condition, a keyword … … and of the longer texts (legal basis, fee standard).</extracomment>
        <translation>must be a whole number from {low} to {high} (given “{value}”)</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>应为0至{high}元之间、至多两位小数的金额（填的是“{value}”）</source>
        <translation>must be an amount from 0 to {high} yuan with at most two decimals (given “{value}”)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>应为文字（填的是“{value}”）</source>
        <translation>must be text (given “{value}”)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>不能超过{limit}个字</source>
        <translation>must not be longer than {limit} characters</translation>
    </message>
    <message>
        <location filename="../../app/central/logins.py" line="-71"/>
        <source>终端编号须在 {low} 到 {high} 之间（办件编号中终端占两位）</source>
        <translation>The terminal number must be from {low} to {high} (a case number has two digits for the terminal)</translation>
    </message>
    <message>
        <location filename="../../app/central/schema.py" line="-62"/>
        <source>需要超级用户执行 central init：须将 {role} 授予 {owner}（中心据此结束长时间占用事务的终端会话）</source>
        <extracomment>What the owner needs to end a counter&apos;s session left idle in a transaction (the pull horizon of migration 0008): to see every session&apos;s state, and to signal it.</extracomment>
        <translation>central init needs a superuser: {role} must be granted to {owner} (the central uses it to end a terminal&apos;s session that holds a transaction open too long)</translation>
    </message>
    <message>
        <location filename="../../app/central/supervision.py" line="+87"/>
        <location filename="../../app/services/case_log.py" line="+74"/>
        <source>办件期限超出可计算的范围</source>
        <translation>The case&apos;s time limit is beyond any calendar</translation>
    </message>
    <message>
        <location filename="../../app/cli/central_commands.py" line="-105"/>
        <source>{count} 件办件的记录无法计算，已搁置（见 central.set_aside）</source>
        <extracomment>The database the embedded server creates for the central.</extracomment>
        <translation>{count} cases cannot be folded from their records and were set aside (see central.set_aside)</translation>
    </message>
    <message>
        <location line="+96"/>
        <source>密码只显示这一次。</source>
        <translation>The password is shown only this once.</translation>
    </message>
    <message>
        <location filename="../../app/sync/central_link.py" line="-235"/>
        <source>本终端在中心登记为 {registered}（{number} 号），本机设置为 {terminal}（{local} 号）；请执行 onewindow register 按中心登记改正设置后再同步</source>
        <extracomment>its center&apos;s level and the center above (&quot;&quot; at the top); at a joint window (of its center and the center above) the level of the center above, else &quot;&quot;</extracomment>
        <translation>This terminal is registered at the central as {registered} (number {number}), but its settings say {terminal} (number {local}); run onewindow register to take the settings from the registration, then sync</translation>
    </message>
    <message>
        <location filename="../../app/sync/central_push.py" line="-107"/>
        <location line="+67"/>
        <source>中心不能使用这条记录的编号</source>
        <translation>The central cannot use this record&apos;s ID</translation>
    </message>
    <message>
        <location filename="../../app/cli/sync_commands.py" line="+55"/>
        <source>本终端已按中心登记设置：中心 {center} 的 {number} 号终端（{name}）</source>
        <translation>This terminal is set up as registered: terminal {number} ({name}) of center {center}</translation>
    </message>
    <message>
        <location filename="../../app/services/case_log.py" line="+15"/>
        <source>本机已有同一办件编号的另一办件（两台终端的编号相同？）</source>
        <translation>This counter already holds another case with the same case number (do two terminals share a number?)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>与本机已有记录冲突（{constraint}）</source>
        <translation>Clashes with a record held here ({constraint})</translation>
    </message>
    <message>
        <location filename="../../app/services/case_transactions.py" line="-5"/>
        <source>办件 {case_no} 的记录缺失或无法读取，请运行 onewindow verify 查明</source>
        <translation>The records of case {case_no} are missing or unreadable; run onewindow verify to find out why</translation>
    </message>
    <message>
        <location filename="../../app/central/signing.py" line="+61"/>
        <source>签名密钥文件 {path} 可被他人读取，请改为仅本人可读（chmod 600）</source>
        <translation>The signing key file {path} can be read by others; make it readable by its owner only (chmod 600)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>无法读取签名密钥 {path}：{reason}</source>
        <translation>Cannot read the signing key {path}: {reason}</translation>
    </message>
    <message>
        <location filename="../../app/services/checkpoint_audit.py" line="+37"/>
        <source>终端 {terminal} 的检查点由{count}把不同的密钥签署：中心换过签名密钥，请向中心核实</source>
        <extracomment>Cases named one by one when a checkpoint fails; past this, a count.</extracomment>
        <translation>The checkpoints of terminal {terminal} are signed with {count} different keys: the central changed its signing key; check with the central</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>{at} 的检查点（终端 {terminal}，{size}条记录）签名不符：检查点被伪造或改动</source>
        <translation>The checkpoint of {at} (terminal {terminal}, {size} records) has a signature that does not match: the checkpoint was forged or changed</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>中心 {at} 签署的检查点记有终端 {terminal} 的{size}条记录，本机只有{held}条：有记录被删除</source>
        <translation>The checkpoint the central signed at {at} counts {size} records of terminal {terminal}; this store holds only {held}: records were deleted</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>与中心 {at} 签署的检查点不符：此件（或与它同批上传的办件）的记录在检查点之后被改动、删除或重新计算了哈希</source>
        <translation>Does not match the checkpoint the central signed at {at}: the records of this case (or of a case uploaded in the same batch) were changed, deleted or re-hashed after the checkpoint</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>与中心 {at} 签署的检查点不符的同批办件还有{count}件</source>
        <translation>{count} more cases of the same batch do not match the checkpoint the central signed at {at}</translation>
    </message>
    <message>
        <location filename="../../app/services/store_audit.py" line="+41"/>
        <source>办件编号</source>
        <comment>summary field</comment>
        <extracomment>The triggers migration 0001 created; dropping either lets an event be changed unseen. The prefix of a terminal&apos;s case numbers for a day (`app.domain.case_number.day_prefix`). The kinds this version knows: an unreadable event of one of them is damage. Cases checked per read: bounded memory whatever the store holds. Each summary column in an auditor&apos;s words (the due date is left out: it depends on the holiday calendar of the day it was written, not on the events alone).</extracomment>
        <translation>case number</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>事项编码</source>
        <comment>summary field</comment>
        <translation>item code</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>事项名称</source>
        <comment>summary field</comment>
        <translation>item name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>承办部门</source>
        <comment>summary field</comment>
        <translation>department</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>申请人</source>
        <comment>summary field</comment>
        <translation>applicant</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>证件号码</source>
        <comment>summary field</comment>
        <translation>ID number</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>接件人</source>
        <comment>summary field</comment>
        <translation>received by</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>窗口</source>
        <comment>summary field</comment>
        <translation>window</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>接件时间</source>
        <comment>summary field</comment>
        <translation>time received</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>办理状态</source>
        <comment>summary field</comment>
        <translation>status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>最后记录时间</source>
        <comment>summary field</comment>
        <translation>time of the last record</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>待决定角色</source>
        <comment>summary field</comment>
        <translation>role awaited for the decision</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>只追加保护（触发器 {name}）已被删除：记录可被改写或删除而不报错</source>
        <translation>The append-only guard (trigger {name}) was dropped: records can be changed or deleted without an error</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>只剩摘要，全部记录已被删除</source>
        <translation>Only the summary is left: every record was deleted</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>第{position}条记录无法读取（字段格式不符），可能被改动</source>
        <translation>Record {position} cannot be read (a field is malformed); it may have been changed</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>记录不能按办理规则依次重演，可能被改动或伪造</source>
        <translation>The records cannot be replayed by the rules of handling; they may have been changed or forged</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>有{count}条记录却没有摘要：摘要被删除</source>
        <translation>{count} records but no summary: the summary was deleted</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>第{position}条记录（{kind}）内容无法读取：{reason}</source>
        <translation>The content of record {position} ({kind}) cannot be read: {reason}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>末尾记录被删除</source>
        <translation>records at the end were deleted</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>多出的记录可能是伪造后追加的</source>
        <translation>the extra records may be forged and appended</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>摘要记有{expected}条记录，实有{actual}条：{what}</source>
        <translation>The summary counts {expected} records, the log holds {actual}: {what}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>摘要的{fields}与记录重演的结果不符：摘要被改动，或记录被改动后重新计算了哈希</source>
        <translation>The summary&apos;s {fields} does not match a replay of the records: the summary was changed, or the records were changed and re-hashed</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>此编号已由本终端发出，但本机既无其记录也无其摘要：整件办件被删除</source>
        <translation>This number was handed out by this terminal, but this store holds neither its records nor its summary: the whole case was deleted</translation>
    </message>
    <message>
        <location filename="../../app/services/errors.py" line="+11"/>
        <source>中心数据库存有本终端的 {central} 条记录，本机只有 {local} 条：本机数据库被清空或换成了旧的副本。为免办件编号重复，暂停接件；请管理员运行“onewindow restore”从中心取回本终端的记录</source>
        <translation>The central database holds {central} records of this terminal, this computer only {local}: the local database was emptied or replaced by an older copy. No new cases are received, so that no case number is handed out twice; ask the administrator to run “onewindow restore” to bring this terminal&apos;s records back from the central database</translation>
    </message>
    <message>
        <location filename="../../app/setting_declarations.py" line="+59"/>
        <source>本机数据库每日备份的存放文件夹（留空则为数据文件夹下的 backups）</source>
        <translation>Folder for the daily backups of the local database (empty: backups in the data folder)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>保留最近几份本机数据库备份（1-365）</source>
        <translation>How many recent backups of the local database to keep (1-365)</translation>
    </message>
    <message>
        <location filename="../../app/services/restore.py" line="+50"/>
        <source>已从中心取回本终端参与的 {cases} 件办件（{events} 条记录，{held} 条与本机记录冲突已隔离）</source>
        <extracomment>Cases read from the central per chunk (about four thousand events: bounded memory).</extracomment>
        <translation>Brought back {cases} cases this terminal worked on from the central database ({events} records; {held} conflicted with local records and were quarantined)</translation>
    </message>
    <message>
        <location filename="../../app/storage/backups.py" line="+49"/>
        <source>无法在 {folder} 写入本机数据库的备份（{reason}）。请管理员检查该文件夹（设置 backup_folder）是否存在、可写且有空间</source>
        <extracomment>Pages copied per step: the window keeps writing between steps.</extracomment>
        <translation>Cannot write the backup of the local database in {folder} ({reason}). Ask the administrator to check that the folder (setting backup_folder) exists, is writable and has space</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>没有找到备份文件 {path}</source>
        <translation>Backup file not found: {path}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>无法读取备份文件 {path}（{reason}）</source>
        <translation>Cannot read the backup file {path} ({reason})</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>备份文件 {path} 已损坏（{detail}），未恢复；请换一份备份</source>
        <translation>The backup file {path} is damaged ({detail}) and was not restored; use another backup</translation>
    </message>
    <message>
        <location filename="../../app/storage/store_health.py" line="+35"/>
        <source>请勿删除该文件；请管理员把它移到别处保存，再用“onewindow restore --from 备份文件”从本机备份恢复，或用“onewindow restore”从中心数据库取回本终端的记录</source>
        <extracomment>Every SQLite file begins with these 16 bytes. SQLite&apos;s primary result codes that mean the file, not the statement, is at fault. How many lines of `PRAGMA integrity_check` a report holds at most.</extracomment>
        <translation>Do not delete the file; ask the administrator to move it elsewhere, then restore a local backup with “onewindow restore --from BACKUP”, or bring this terminal&apos;s records back from the central database with “onewindow restore”</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>本机数据库文件 {path} 不完整：应有 {expected} 字节，实有 {size} 字节（文件被截断）。{what_to_do}</source>
        <translation>The local database file {path} is incomplete: it should hold {expected} bytes but holds {size} (the file was cut short). {what_to_do}</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>本机数据库文件 {path} 已损坏（{detail}）。{what_to_do}</source>
        <translation>The local database file {path} is damaged ({detail}). {what_to_do}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>本机数据库文件 {path} 不是 SQLite 数据库（已损坏或被别的文件替换）。{what_to_do}</source>
        <translation>The local database file {path} is not an SQLite database (it is damaged or was replaced by another file). {what_to_do}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>无法写入数据文件夹 {path}（{reason}）。请管理员让运行本程序的系统账户可以读写该文件夹及其中的文件，然后重新启动</source>
        <translation>Cannot write to the data folder {path} ({reason}). Ask the administrator to let the system account that runs this program read and write the folder and its files, then start again</translation>
    </message>
    <message>
        <location filename="../../app/services/incremental_audit.py" line="+95"/>
        <source>上次校验时已有{expected}条记录，如今其中有{actual}条：旧记录被删除或插入，请运行完整校验</source>
        <extracomment>The mark: &quot;seq/count&quot; of the log when it last verified clean. The check of the store file&apos;s pages (`PRAGMA integrity_check`): what is wrong, or None.</extracomment>
        <translation>The last check found {expected} events; {actual} of them are there now: old events were deleted or inserted, run the full check</translation>
    </message>
    <message>
        <location filename="../../app/cli/report_commands.py" line="+41"/>
        <source>日期应写成 YYYY-MM-DD，如 2026-12-07</source>
        <translation>a date is written YYYY-MM-DD, e.g. 2026-12-07</translation>
    </message>
    <message>
        <location filename="../../app/services/daily_report.py" line="+43"/>
        <location filename="../../app/services/printing.py" line="-229"/>
        <location line="+8"/>
        <source>打印日结单</source>
        <translation>print the daily report</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{day} 还没有到，没有日结单</source>
        <translation>{day} has not come yet: there is no daily report for it</translation>
    </message>
    <message>
        <location filename="../../app/services/full_record.py" line="-6"/>
        <source>调阅办件全文</source>
        <translation>read a case&apos;s full record</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>请写明调阅办件全文的事由</source>
        <translation>State why the case&apos;s full record is needed</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>中心的办件 {case_no} 全文与本机记录的哈希不符</source>
        <translation>The central&apos;s full record of case {case_no} does not match the hashes held here</translation>
    </message>
    <message>
        <location filename="../../app/domain/audit.py" line="+53"/>
        <source>登录</source>
        <extracomment>Each action in words, for the audit screen and `onewindow audit list`.</extracomment>
        <translation>Sign-in</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>登录失败</source>
        <translation>Failed sign-in</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>退出登录</source>
        <translation>Sign-out</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>账号锁定</source>
        <translation>Account locked</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>账号解锁</source>
        <translation>Account unlocked</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>新建人员</source>
        <translation>Staff member created</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>修改人员</source>
        <translation>Staff member changed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>停用人员</source>
        <translation>Staff member disabled</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>启用人员</source>
        <translation>Staff member enabled</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>重置密码</source>
        <translation>Password reset</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>修改密码</source>
        <translation>Password changed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>授权事项</source>
        <translation>Items authorised</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>窗口设置</source>
        <translation>Window set up</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>修改设置</source>
        <translation>Settings changed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>打印机设置</source>
        <translation>Printer settings</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>发布事项目录</source>
        <translation>Catalog published</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>发布节假日安排</source>
        <translation>Holiday schedule published</translation>
    </message>
    <message>
        <location filename="../../app/services/audit.py" line="+66"/>
        <location filename="../../app/services/audit_search.py" line="+39"/>
        <source>查看操作日志</source>
        <translation>read the audit trail</translation>
    </message>
    <message>
        <location filename="../../app/cli/admin_commands.py" line="+103"/>
        <location filename="../../app/domain/windows.py" line="+174"/>
        <location filename="../../app/services/queue.py" line="+298"/>
        <source>没有编号为 {number} 的窗口</source>
        <translation>There is no window numbered {number}</translation>
    </message>
    <message>
        <location filename="../../app/domain/windows.py" line="-121"/>
        <source>窗口编号“{number}”无效：应为字母加数字，如 A04</source>
        <extracomment>A window&apos;s number as the hall&apos;s signs show it: a letter or two and digits (A04, B12, 3).</extracomment>
        <translation>The window number &quot;{number}&quot; is not valid: letters followed by digits, such as A04</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>请填写窗口名称</source>
        <translation>Please enter the window&apos;s name</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>请至少选择一个部门：窗口受理哪个部门的事项</source>
        <translation>Please choose at least one department: whose items the window accepts</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>部门 {departments} 不在部门名单中</source>
        <translation>Department {departments} is not on the list of departments</translation>
    </message>
    <message>
        <location line="+85"/>
        <source>窗口编号 {number} 已存在，不能重复设立</source>
        <translation>Window number {number} exists already and cannot be set up twice</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>窗口 {number} 刚被他人修改过，请重新打开后再改（您的输入未保存，仍在表单中）</source>
        <translation>Window {number} was just changed by someone else; open it again before changing it (your input was not saved and is still in the form)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>终端 {terminal} 已在窗口 {number}，一台终端只能在一个窗口</source>
        <translation>Terminal {terminal} already stands at window {number}; a terminal stands at one window only</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>设立</source>
        <extracomment>Each kind of change in words (the audit trail&apos;s details, the CLI).</extracomment>
        <translation>set up</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>修改</source>
        <translation>changed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>撤销</source>
        <translation>closed</translation>
    </message>
    <message>
        <location filename="../../app/services/card_reader.py" line="+61"/>
        <source>设置为不使用读卡器</source>
        <extracomment>The transport a `card_reader` setting names, not opened; None for `none`.</extracomment>
        <translation>Set to use no card reader</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>读卡器 {reader} 已连接，上面没有证件：放上一张身份证再试</source>
        <translation>Card reader {reader} is connected but holds no card: place an ID card on it and try again</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>读卡器 {reader} 工作正常：已读到证件</source>
        <translation>Card reader {reader} works: a card was read</translation>
    </message>
    <message>
        <location filename="../../app/services/windows.py" line="+64"/>
        <location line="+7"/>
        <source>管理窗口</source>
        <translation>manage windows</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="+252"/>
        <source>读卡器工作正常：已读到证件</source>
        <translation>The card reader works: a card was read</translation>
    </message>
    <message>
        <location filename="../../app/central/logins.py" line="+6"/>
        <source>终端的读取范围须为 {reads} 之一</source>
        <translation>A terminal reads one of {reads}</translation>
    </message>
    <message>
        <location filename="../../app/cli/central_commands.py" line="-71"/>
        <source>本登录没有可读的中心</source>
        <translation>This login reads no center</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>该终端可读本中心及其全部下级中心的办件、期限、记录和人员</source>
        <translation>This terminal reads the cases, clocks, records and staff of its center and of every center below it</translation>
    </message>
    <message>
        <location filename="../../app/central/tree.py" line="-30"/>
        <source>{code} {name}（{level}）：在办 {running} 件（其中暂停计时 {paused} 件），预警 {warning} 件，超时 {overdue} 件</source>
        <translation>{code} {name} ({level}): {running} in progress ({paused} of them with the clock paused), {warning} in warning, {overdue} overdue</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>未知级别</source>
        <translation>unknown level</translation>
    </message>
    <message>
        <location filename="../../app/services/sync_report.py" line="-25"/>
        <source>上传操作日志 {count} 条</source>
        <translation>{count} audit entries sent</translation>
    </message>
    <message>
        <location filename="../../app/domain/audit.py" line="-14"/>
        <source>锁定屏幕</source>
        <translation>Screen locked</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>解锁屏幕</source>
        <translation>Screen unlocked</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>解锁失败（密码不正确）</source>
        <translation>Unlock failed (wrong password)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>导入事项清单</source>
        <comment>audit action</comment>
        <translation>Catalog sheet imported</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>加载节假日安排</source>
        <translation>Holiday schedule loaded</translation>
    </message>
    <message>
        <location filename="../../app/services/audit_search.py" line="+9"/>
        <source>本终端的操作日志（未设置中心数据库）</source>
        <translation>This terminal&apos;s audit trail (no central database set)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>本终端的操作日志（未连接中心：{reason}）</source>
        <translation>This terminal&apos;s audit trail (the central is not reachable: {reason})</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>本中心各终端的操作日志（中心数据库）</source>
        <translation>The audit trail of every terminal of this center (central database)</translation>
    </message>
    <message>
        <location filename="../../app/services/sync_push.py" line="+131"/>
        <source>中心拒收一条操作日志：{reason}</source>
        <extracomment>The local seq of the last audit entry the central answered for. The local seq of the last leave event the central answered for. When the central received the newest leave event pulled (ISO time). Told how far a long catch-up has come: (done, of). What the quarantine keeps of an event the central refused, with its answer. Events waiting to go up, with their local seq.</extracomment>
        <translation>The central refused an audit entry: {reason}</translation>
    </message>
    <message>
        <location filename="../../app/sync/central_audit.py" line="+155"/>
        <source>中心数据库不能查询操作日志（{state}：{reason}）；中心的结构可能与本程序版本不符，请联系中心管理员</source>
        <extracomment>The central&apos;s insert of a batch of leave events (central migration 0014).</extracomment>
        <translation>The central database cannot search the audit trail ({state}: {reason}); its schema may not match this version of the program, ask the central&apos;s administrator</translation>
    </message>
    <message>
        <location filename="../../app/domain/levels.py" line="+29"/>
        <source>省级</source>
        <translation>provincial</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>市级</source>
        <translation>city</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>县（区）级</source>
        <translation>district / county</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>乡镇（街道）级</source>
        <translation>township / street</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>此事项由{declared}中心受理，本窗口（{here}）不能受理</source>
        <extracomment>An item that names no level is declared at every level (the catalogs written before).</extracomment>
        <translation>This item is accepted by {declared} centers; this window ({here}) cannot accept it</translation>
    </message>
    <message>
        <location filename="../../app/services/reported_cases.py" line="+3"/>
        <source>没有上报本中心的这件办件</source>
        <translation>No such case has been reported up to this center</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>中心没有接受这项决定</source>
        <translation>The central did not take this decision</translation>
    </message>
    <message>
        <location filename="../../app/setting_declarations.py" line="-40"/>
        <source>中心上班时间（考勤：此后签到记迟到；05:00-12:00，写成 09:00）</source>
        <translation>Office opening time (attendance: a sign-in after it is late; 05:00-12:00, written as 09:00)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>中心下班时间（考勤：此前签退记早退；12:00-23:00，写成 17:00）</source>
        <translation>Office closing time (attendance: a sign-out before it is early; 12:00-23:00, written as 17:00)</translation>
    </message>
    <message>
        <location filename="../../app/services/sync_report.py" line="+2"/>
        <source>上传请假记录 {count} 条</source>
        <translation>{count} leave records sent</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>取回请假记录 {count} 条</source>
        <translation>{count} leave records brought down</translation>
    </message>
    <message>
        <location filename="../../app/domain/audit.py" line="+1"/>
        <source>提交请假</source>
        <translation>Leave requested</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>批准请假</source>
        <translation>Leave approved</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>不批准请假</source>
        <translation>Leave refused</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>销假</source>
        <translation>Back from leave</translation>
    </message>
    <message>
        <location filename="../../app/services/sync_push.py" line="+6"/>
        <source>中心拒收一条请假记录：{reason}</source>
        <translation>The central refused a leave record: {reason}</translation>
    </message>
    <message>
        <location filename="../../app/cli/attendance_commands.py" line="+96"/>
        <source>时间应写成 2026-12-07 10:15</source>
        <extracomment>Kinds of leave as typed: the Chinese name or the code.</extracomment>
        <translation>Write the time as 2026-12-07 10:15</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>没有用户名为 {user} 的人员</source>
        <translation>No staff member has the username {user}</translation>
    </message>
    <message>
        <location filename="../../app/domain/attendance.py" line="+142"/>
        <source>只有中心管理员、电子监察和首席代表可以查看考勤</source>
        <translation>Only the center&apos;s administrator, supervision and chief representatives may read attendance</translation>
    </message>
    <message>
        <location filename="../../app/domain/attendance_sheet.py" line="+57"/>
        <source>月份应写成 2026-12</source>
        <translation>Write the month as 2026-12</translation>
    </message>
    <message>
        <location filename="../../app/domain/leave.py" line="+35"/>
        <source>事假</source>
        <translation>Personal leave</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>病假</source>
        <translation>Sick leave</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>年休假</source>
        <translation>Annual leave</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>公出</source>
        <translation>Official business</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>日期应写成 2026-12-08、2026-12-08am 或 2026-12-08pm</source>
        <translation>Write the date as 2026-12-08, 2026-12-08am or 2026-12-08pm</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>待审批</source>
        <extracomment>The longest request one may ask for at once (a longer absence is not 请假).</extracomment>
        <translation>Awaiting approval</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已批准</source>
        <translation>Approved</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>未批准</source>
        <translation>Refused</translation>
    </message>
    <message>
        <location line="+94"/>
        <source>只有部门的窗口人员和首席代表可以请假</source>
        <translation>Only a department&apos;s counter clerks and chief representatives may ask for leave</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>请假的结束不能早于开始</source>
        <translation>The leave cannot end before it begins</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>一次请假不能超过{days}天</source>
        <translation>One request cannot exceed {days} days</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>请写明请假事由</source>
        <translation>Please give the reason for the leave</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>与已有的请假（{first}至{last}）重叠</source>
        <translation>Overlaps a leave already asked for ({first} to {last})</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>请假由本部门的首席代表审批</source>
        <translation>Leave is approved by the department&apos;s chief representative</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>只能审批本部门人员的请假</source>
        <translation>You may decide leave only for your own department</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>不能审批本人的请假</source>
        <translation>You cannot decide your own leave</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>这份请假已经审批过了（{status}）</source>
        <translation>This leave has already been decided ({status})</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>销假由本人或本部门的首席代表办理</source>
        <translation>Return from leave is recorded by the person or their department&apos;s chief representative</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>只有已批准的请假可以销假</source>
        <translation>Only an approved leave can be ended</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>这份请假已经销假</source>
        <translation>This leave has already been ended</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>销假日期应在请假期间之内</source>
        <translation>The day back must fall within the leave</translation>
    </message>
    <message>
        <location filename="../../app/services/attendance.py" line="+129"/>
        <source>考勤表未能写入 {file}：{reason}</source>
        <extracomment>At most this many entries of the trail read for one answer (a month of a center of 400). Roles that sit at windows and have a line on the sheet.</extracomment>
        <translation>The attendance sheet could not be written to {file}: {reason}</translation>
    </message>
    <message>
        <location filename="../../app/services/leave.py" line="+72"/>
        <source>请写明不批准的理由</source>
        <translation>Please give the reason for refusing</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>没有编号为 {id} 的请假（或不止一份）</source>
        <translation>No leave request numbered {id} (or more than one)</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>没有这份请假</source>
        <translation>No such leave request</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>这份请假刚刚由他人办理过，请重新打开后再看</source>
        <translation>Someone else has just acted on this leave; open it again to see</translation>
    </message>
    <message>
        <location filename="../../app/services/auth.py" line="-167"/>
        <source>自助终端账号只在自助终端上工作，不能在窗口登录</source>
        <extracomment>How far back a sign-in reads the person&apos;s entries for the streak of wrong passwords. A kiosk account opens no clerk&apos;s window: it works only at the kiosk that names it.</extracomment>
        <translation>A kiosk account works only at its kiosk; it cannot sign in at a counter</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>管理员已重置您的密码，请先设置新密码</source>
        <translation>An administrator reset your password: set a new one first</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>新密码不得与原密码相同</source>
        <translation>The new password must differ from the old one</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>本终端不是自助终端（设置中的终端用途），不能以自助终端账号工作</source>
        <translation>This terminal is not a kiosk (the terminal role in the settings); it cannot work as a kiosk account</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>设置中的自助终端账号 {name} 不存在、已停用或不是自助终端账号，请管理员在设置中指定</source>
        <translation>The kiosk account {name} in the settings does not exist, is disabled or is not a kiosk account; the administrator must name one in the settings</translation>
    </message>
    <message>
        <location filename="../../app/services/staff.py" line="-136"/>
        <location line="+9"/>
        <source>用户名 {username} 已存在</source>
        <translation>The user name {username} exists already</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>不能修改自己的角色：请另一位管理员修改</source>
        <translation>You cannot change your own role: ask another administrator</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>此首席代表持有本部门的授权事项：改部门前请先撤回授权（授权为空）</source>
        <translation>This chief representative holds authorised items of the department: withdraw them first (grant none) before changing the department</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>不能停用自己的账号：请另一位管理员停用</source>
        <translation>You cannot disable your own account: ask another administrator</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>只有首席代表才有授权事项</source>
        <translation>Only a chief representative has authorised items</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>请填写授权文件的文号和日期</source>
        <translation>Enter the authorisation document&apos;s number and date</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>没有用户名为 {username} 的人员</source>
        <translation>There is no staff member with the user name {username}</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>事项 {code} 不在事项清单中</source>
        <translation>Item {code} is not in the catalog</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>事项 {code} 属于{other}，不是本部门（{own}）的事项，不能授权</source>
        <translation>Item {code} belongs to {other}, not to the department ({own}): it cannot be authorised</translation>
    </message>
    <message>
        <location filename="../../app/domain/passwords.py" line="-13"/>
        <source>密码至少8位，须同时含字母和数字，不得是或包含用户名、姓名（或其拼音），不得含身份证号码</source>
        <extracomment>The policy in words, shown wherever a password is typed.</extracomment>
        <translation>A password has at least 8 characters, both letters and digits, and does not hold the user name, the name (or its pinyin) or an ID number</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>密码须同时含字母和数字</source>
        <translation>A password must hold both letters and digits</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>密码不得含身份证号码</source>
        <translation>A password must not hold an ID number</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>密码不得是或包含用户名</source>
        <translation>A password must not be or hold the user name</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>密码不得是或包含姓名或其拼音</source>
        <translation>A password must not be or hold the name or its pinyin</translation>
    </message>
    <message>
        <location filename="../../app/services/errors.py" line="-32"/>
        <source>连续输错{failures}次，账号已锁定，请于 {until} 后再试，或请管理员解锁</source>
        <translation>{failures} wrong passwords in a row: the account is locked. Try again after {until}, or ask an administrator to unlock it</translation>
    </message>
    <message>
        <location filename="../../app/setting_declarations.py" line="+8"/>
        <source>连续输错几次密码后锁定账号（3-10）</source>
        <translation>Wrong passwords in a row before the account is locked (3-10)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>账号锁定多少分钟（1-120；管理员可随时解锁）</source>
        <translation>Minutes an account stays locked (1-120; an administrator can unlock it at any time)</translation>
    </message>
    <message>
        <location filename="../../app/cli/staff_commands.py" line="+81"/>
        <source>两次输入的密码不一致</source>
        <translation>The two passwords typed differ</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>没有读到密码：请在终端中输入，或由标准输入每行给出一个</source>
        <translation>No password was read: type it at the terminal, or give one per line on standard input</translation>
    </message>
    <message>
        <location filename="../../app/domain/staff.py" line="+77"/>
        <source>此人员资料已被 {who} 于 {when} 修改，请重新打开</source>
        <extracomment>Roles that work for one department, so need one. When an administrator last unlocked the account or reset its password: wrong passwords before it no longer count.</extracomment>
        <translation>{who} changed this person at {when}: open it again</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>用户名为2-32位字母、数字或 . _ -，以字母或数字开头</source>
        <translation>A user name is 2-32 letters, digits or . _ -, starting with a letter or digit</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>请填写姓名（不超过64个字）</source>
        <translation>Enter the name (at most 64 characters)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>窗口人员和首席代表须属于一个部门</source>
        <translation>A counter clerk or chief representative must belong to a department</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>窗口编号不能为空</source>
        <translation>A window number cannot be empty</translation>
    </message>
    <message>
        <location filename="../../app/services/sync_directory.py" line="+163"/>
        <source>中心未采纳对 {subject} 的修改（已保留在隔离区）：{reason}</source>
        <translation>The central did not take the change to {subject} (kept in quarantine): {reason}</translation>
    </message>
    <message>
        <location line="-90"/>
        <source>与本终端的记录不一致（本终端有另一条同版本的修改）</source>
        <extracomment>When this counter last took the center&apos;s staff, windows and settings from the central (ISO time). The logs whose refusals are recorded (a center setting&apos;s gives way to the central&apos;s through `adopt`). Why a pulled event was set aside.</extracomment>
        <translation>Does not fit this terminal&apos;s record (this terminal holds another change of the same version)</translation>
    </message>
    <message>
        <location filename="../../app/sync/central_directory.py" line="+68"/>
        <source>此修改接在一条中心未采纳的修改之后，一并未采纳</source>
        <translation>This change follows one the central did not take, and is not taken either</translation>
    </message>
    <message>
        <location filename="../../app/domain/tickets.py" line="+40"/>
        <source>普通</source>
        <translation>Ordinary</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>预约</source>
        <translation>Appointment</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>老年人优先</source>
        <translation>Elderly priority</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>残疾人优先</source>
        <translation>Disabled priority</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>绿色通道</source>
        <translation>Green channel</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>等候中</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已叫号</source>
        <translation>Called</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已过号</source>
        <translation>Missed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已办结</source>
        <translation>Served</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已离开</source>
        <translation>Left</translation>
    </message>
    <message>
        <location line="+146"/>
        <source>{number} 号不在等候中（{status}）</source>
        <extracomment>`waiting_since` in seconds since the epoch: what the fair order sorts by, computed once (an aware datetime&apos;s arithmetic would be most of the order&apos;s time).</extracomment>
        <translation>Number {number} is not waiting ({status})</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{number} 号已转到 {window} 号窗口</source>
        <translation>Number {number} was sent to window {window}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{number} 号还没有被叫到</source>
        <translation>Number {number} has not been called</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{number} 号由 {window} 号窗口叫号</source>
        <translation>Number {number} was called by window {window}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{number} 号没有过号，不需要回到队列</source>
        <translation>Number {number} was not missed; it need not rejoin the queue</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{number} 号已经过号回队过一次，请重新取号</source>
        <translation>Number {number} has already rejoined the queue once after missing its call; please take a new number</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{number} 号不能转移（{status}）</source>
        <translation>Number {number} cannot be transferred ({status})</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{number} 号已经结束</source>
        <translation>Number {number} is finished</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>一张号只取一次</source>
        <translation>A ticket is issued only once</translation>
    </message>
    <message>
        <location filename="../../app/services/queue.py" line="-178"/>
        <source>没有代码为 {code} 的队列</source>
        <translation>There is no queue with the code {code}</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>取号</source>
        <translation>Issuing tickets</translation>
    </message>
    <message>
        <location line="+212"/>
        <source>号码 {number} 已被取用，请再取一次</source>
        <translation>Number {number} was already taken; please take a number again</translation>
    </message>
    <message>
        <location line="-110"/>
        <location line="+75"/>
        <source>叫号</source>
        <translation>Calling tickets</translation>
    </message>
    <message>
        <location line="-72"/>
        <location line="+61"/>
        <source>本窗口没有对应的队列：请管理员设置窗口的部门</source>
        <translation>This window serves no queue: ask the administrator to set the window&apos;s departments</translation>
    </message>
    <message>
        <location line="-23"/>
        <source>请选择转到的队列或窗口</source>
        <translation>Choose the queue or window to transfer to</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>没有这张号</source>
        <translation>There is no such ticket</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>{number} 号刚刚由其他窗口办理过，请重新查看</source>
        <translation>Number {number} was just handled at another window; please look again</translation>
    </message>
    <message>
        <location filename="../../app/domain/kiosk.py" line="+66"/>
        <source>证件已过期（有效期至{day}），请到导办台或窗口办理</source>
        <translation>The card has expired (valid until {day}); please go to the guide desk or a window</translation>
    </message>
    <message>
        <location filename="../../app/services/kiosk.py" line="+153"/>
        <source>{item}请到窗口办理</source>
        <extracomment>How many of the hall&apos;s most common items the start screen offers. The document each kind of card proves.</extracomment>
        <translation>{item}: please apply at a window</translation>
    </message>
    <message>
        <location filename="../../app/services/sync_report.py" line="+4"/>
        <source>取号记录上传 {sent} 条、取回 {pulled} 条</source>
        <translation>queue tickets: {sent} records sent, {pulled} brought down</translation>
    </message>
    <message>
        <location filename="../../app/services/queue.py" line="-132"/>
        <source>今天没有 {number} 号</source>
        <translation>There is no number {number} today</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>查看排队统计</source>
        <translation>Viewing the queue&apos;s statistics</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>其他窗口正在同时叫号，请再叫一次</source>
        <translation>Other windows are calling at the same moment; please call again</translation>
    </message>
    <message>
        <location filename="../../app/services/sync_tickets.py" line="+34"/>
        <source>中心拒收一条取号记录：{reason}</source>
        <extracomment>The local seq of the last ticket event the central answered for. When the central received the newest ticket event pulled (ISO time).</extracomment>
        <translation>The central database refused a queue ticket record: {reason}</translation>
    </message>
    <message>
        <location filename="../../app/services/settings.py" line="-2"/>
        <source>修改中心统一设置</source>
        <translation>change the center&apos;s settings</translation>
    </message>
    <message>
        <location filename="../../app/services/sync_report.py" line="+8"/>
        <source>人员、窗口和中心设置更新 {count} 条</source>
        <translation>{count} staff, window and center setting changes taken in</translation>
    </message>
    <message>
        <location filename="../../app/domain/audit.py" line="+1"/>
        <source>决定下级上报件</source>
        <translation>Decided a case sent up from below</translation>
    </message>
    <message>
        <location filename="../../app/services/sync_directory.py" line="+179"/>
        <source>中心发来的设置记录无法识别，未采用</source>
        <translation>A setting record from the central could not be read and was not taken</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>中心发来的设置 {key} 的值不符合规则，未采用，沿用此前的值</source>
        <translation>The central&apos;s value of the setting {key} breaks its rule: not taken, the previous value stands</translation>
    </message>
    <message>
        <location filename="../../app/cli/settings_commands.py" line="+75"/>
        <source>{key} 是中心统一设置，须以本中心管理员的名义修改：请用 --by 给出其用户名</source>
        <translation>{key} is a center setting and is changed in the name of an administrator of the center: give their username with --by</translation>
    </message>
    <message>
        <location filename="../../app/setting_declarations.py" line="+49"/>
        <source>政务服务网预约导出文件所在的文件夹（留空则不自动导入）</source>
        <translation>Folder the service portal&apos;s appointment exports are written to (empty: no automatic import)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>预约时段开始前多少分钟起可签到（0-240）</source>
        <translation>How many minutes before the slot an appointment may check in (0-240)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>预约时段开始后多少分钟内仍按预约办理，迟于此按现场取号（0-240）</source>
        <translation>How many minutes after the slot&apos;s start an appointment still counts; later arrivals take a walk-in ticket (0-240)</translation>
    </message>
    <message>
        <location filename="../../app/cli/intake_commands.py" line="+53"/>
        <source>请给出一个文件，或用 --folder 导入文件夹</source>
        <translation>Give one file, or --folder to import the folder</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>没有新的预约导出文件</source>
        <translation>No new portal export files</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>今天没有预约，也没有待受理的网上申请</source>
        <translation>No appointments today and no online applications waiting</translation>
    </message>
    <message>
        <location filename="../../app/domain/appointments.py" line="+51"/>
        <source>待办理</source>
        <extracomment>The namespace of appointment ids: uuid5(namespace, portal reference).</extracomment>
        <translation>Waiting</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已签到</source>
        <translation>Checked in</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已接件</source>
        <translation>Taken up</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已取消</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已过期</source>
        <translation>Expired</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>预约记录的第一条应为导入</source>
        <extracomment>Those a counter may still open.</extracomment>
        <translation>An appointment&apos;s record must begin with its import</translation>
    </message>
    <message>
        <location line="+84"/>
        <source>网上预申请没有预约时段</source>
        <translation>This online pre-application has no booked slot</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>您预约的时间是今天 {time}，请于 {opens} 后签到</source>
        <translation>Your appointment is today at {time}; please check in after {opens}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>您预约的时间是今天 {time}，已超过 {late} 分钟，按现场取号办理</source>
        <translation>Your appointment was today at {time}; more than {late} minutes late, you are served as a walk-in</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>预约 {time} 已签到，优先办理</source>
        <translation>Appointment {time} checked in: served with priority</translation>
    </message>
    <message>
        <location filename="../../app/domain/portal_export.py" line="+141"/>
        <source>文件 {file} 不是有效的 JSON：第 {line} 行第 {column} 列</source>
        <translation>File {file} is not valid JSON: line {line}, column {column}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>文件 {file} 不是政务服务网的预约导出文件（format 应为 {format}）</source>
        <translation>File {file} is not a service portal export (format should be {format})</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>文件 {file} 的版本不受支持（应为 {version}）</source>
        <translation>File {file} has an unsupported version (should be {version})</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>文件 {file} 缺少 entries 列表</source>
        <translation>File {file} has no entries list</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>与本文件中同一编号的另一条内容不同</source>
        <translation>differs from another entry of this file with the same number</translation>
    </message>
    <message>
        <location line="+5"/>
        <location filename="../../app/services/portal_import.py" line="+199"/>
        <source>文件 {file} 第 {number} 条（编号 {reference}）有误：{problem}</source>
        <translation>File {file}, entry {number} (number {reference}): {problem}</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>每一条应是一个对象</source>
        <translation>each entry must be an object</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>type 应为 appointment、pre_application 或 cancellation</source>
        <translation>type must be appointment, pre_application or cancellation</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>编号（reference）</source>
        <translation>the number (reference)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>事项编码（item）</source>
        <translation>the item code (item)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>预约须有时段（slot）</source>
        <translation>an appointment needs a slot</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>materials 应是材料名称的列表</source>
        <translation>materials must be a list of material names</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>缺少{what}</source>
        <translation>missing {what}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>缺少申请人（person）</source>
        <translation>missing the applicant (person)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>证件类型（document）应为 resident_id、residence_permit 或 foreign_permit</source>
        <translation>the document must be resident_id, residence_permit or foreign_permit</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>申请人</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>applicant 应是一个对象</source>
        <translation>applicant must be an object</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>applicant 的 kind 应为 enterprise 或 in_formation</source>
        <translation>applicant&apos;s kind must be enterprise or in_formation</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>申请单位</source>
        <translation>applying organisation</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{who}：{problem}</source>
        <translation>{who}: {problem}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>时段（slot）应含 day、from、to</source>
        <translation>the slot must hold day, from and to</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>时段的日期应写成 YYYY-MM-DD</source>
        <translation>the slot&apos;s day must be written YYYY-MM-DD</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>时段的结束时间应晚于开始时间</source>
        <translation>the slot must end after it starts</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>时段的时间应写成 HH:MM</source>
        <translation>the slot&apos;s times must be written HH:MM</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>一表制申请表（form）不完整或格式有误</source>
        <translation>the one form (form) is incomplete or malformed</translation>
    </message>
    <message>
        <location filename="../../app/services/appointments.py" line="+68"/>
        <location line="+7"/>
        <source>查看预约</source>
        <translation>view appointments</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>查询预约</source>
        <translation>look up appointments</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>预约签到</source>
        <translation>check in appointments</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>一表制网上申请请按申请表受理</source>
        <translation>A one-form application filed online is accepted with its form</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>没有这条预约或网上申请</source>
        <translation>No such appointment or online application</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>该申请已接件（办件 {case}），不能再次受理</source>
        <translation>This application was already taken up (case {case}); it cannot be accepted again</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>该预约已取消或已过期，不能据此受理</source>
        <translation>This appointment was cancelled or has expired; it cannot be accepted</translation>
    </message>
    <message>
        <location filename="../../app/services/portal_import.py" line="-111"/>
        <source>文件 {file} 已导入过，未重复导入</source>
        <extracomment>Who takes portal files in: the counters and the kiosk, and the administrator (the shell). Who sees the appointments: those who receive, and those who see the center&apos;s cases.</extracomment>
        <translation>File {file} was imported before; not imported again</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>文件 {file}：新增 {added} 条，已有 {known} 条，取消 {cancelled} 条</source>
        <translation>File {file}: {added} new, {known} already held, {cancelled} cancelled</translation>
    </message>
    <message>
        <location line="+32"/>
        <location line="+11"/>
        <source>导入网上预约</source>
        <translation>import portal appointments</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>预约导出文件夹 {folder} 不存在</source>
        <translation>The portal export folder {folder} does not exist</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>读不出文件 {file}：{reason}</source>
        <translation>Cannot read file {file}: {reason}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>文件 {file} 不是 UTF-8 编码的文本</source>
        <translation>File {file} is not UTF-8 text</translation>
    </message>
    <message>
        <location line="+96"/>
        <source>要取消的预约本中心没有导入过</source>
        <translation>the appointment to cancel was never imported here</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>该申请已在窗口接件（办件 {case}），须在窗口办理撤回</source>
        <translation>the application was taken up at a window (case {case}); it must be withdrawn there</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>该编号已导入，内容与本文件不同；改约请在网上取消后重新预约</source>
        <translation>this number was imported with other content; to change a booking, cancel it on the portal and book again</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>事项编码 {code} 不在本中心的事项清单中</source>
        <translation>item code {code} is not in this center&apos;s catalog</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>一表制事项须附申请表（form）</source>
        <translation>a one-form item needs its form</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>只有一表制事项附申请表（form）</source>
        <translation>only one-form items carry a form</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>以下材料不在该事项的材料清单中：{materials}</source>
        <translation>these materials are not on the item&apos;s list: {materials}</translation>
    </message>
    <message>
        <location filename="../../app/domain/audit.py" line="+1"/>
        <source>中心未采纳的修改</source>
        <translation>Change not accepted by the central</translation>
    </message>
    <message>
        <location filename="../../app/domain/refusals.py" line="-1"/>
        <source>人员</source>
        <extracomment>What each log&apos;s subject is, in words (人员 wang01, 窗口 A04, 请假 3f2a…).</extracomment>
        <translation>Staff</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>请假</source>
        <translation>Leave</translation>
    </message>
</context>
<context>
    <name>ApplicantPanel</name>
    <message>
        <location filename="../../ui/applicant_panel.py" line="+83"/>
        <source>申请人</source>
        <extracomment>The applicant&apos;s document for each kind of card the reader can read. what to say about a partly typed value (None while it can still become valid)</extracomment>
        <translation>Applicant</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>自然人(&amp;M)</source>
        <translation>Person (&amp;M)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>企业/组织(&amp;E)</source>
        <translation>Enterprise (&amp;E)</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>居民身份证</source>
        <translation>Resident ID card</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>港澳台居民居住证</source>
        <translation>HK/Macau/Taiwan residence permit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>外国人永久居留身份证</source>
        <translation>Foreign permanent resident ID card</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+132"/>
        <source>证件照片</source>
        <translation>Photo</translation>
    </message>
    <message>
        <location line="-123"/>
        <location line="+20"/>
        <source>姓名(&amp;N)</source>
        <translation>&amp;Name</translation>
    </message>
    <message>
        <location line="-19"/>
        <source>统一社会信用代码</source>
        <translation>Unified social credit code</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>法定代表人</source>
        <translation>Legal representative</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>证件类型</source>
        <translation>Document</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+18"/>
        <source>身份证号(&amp;I)</source>
        <translation>&amp;ID number</translation>
    </message>
    <message>
        <location line="-17"/>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>单位名称(&amp;N)</source>
        <translation>Organisation &amp;name</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>法定代表人身份证号(&amp;I)</source>
        <translation>Legal representative&apos;s &amp;ID number</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>无照片
（未配置照片解码插件）</source>
        <translation>No photo
(no photo decoder configured)</translation>
    </message>
</context>
<context>
    <name>AppointmentsView</name>
    <message>
        <location filename="../../ui/appointments_view.py" line="+62"/>
        <source>时段</source>
        <translation>Slot</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>类别</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>网上编号</source>
        <translation>Portal number</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>申请人</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>证件号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>事项</source>
        <translation>Item</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>打开到受理 (Enter)</source>
        <translation>Open in intake (Enter)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>今日预约与网上申报 %1 条，待办理 %2 条</source>
        <translation>%1 appointments and online applications today, %2 waiting</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>预约</source>
        <translation>Appointment</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>网上申报（一表制）</source>
        <translation>Online application (one form)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>网上申报</source>
        <translation>Online application</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>未预约时段</source>
        <translation>No slot</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>%1 %2，不能再次受理。</source>
        <translation>%1 %2: cannot be accepted again.</translation>
    </message>
</context>
<context>
    <name>AttendanceDialog</name>
    <message>
        <location filename="../../ui/attendance_view.py" line="+51"/>
        <source>考勤与请假…</source>
        <translation>Attendance and leave…</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+170"/>
        <source>请假…</source>
        <translation>Ask for leave…</translation>
    </message>
    <message>
        <location line="-124"/>
        <source>考勤与请假</source>
        <translation>Attendance and leave</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>月度考勤表</source>
        <translation>Monthly attendance</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请假</source>
        <translation>Leave</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>查询</source>
        <translation>Search</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>导出 Excel…</source>
        <translation>Export to Excel…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1（天）</source>
        <translation>%1 (days)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>用户名</source>
        <translation>Username</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+72"/>
        <source>部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <location line="-71"/>
        <source>应出勤（天）</source>
        <translation>Working days</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>出勤（天）</source>
        <translation>Present (days)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>迟到（次）</source>
        <translation>Late (times)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>早退（次）</source>
        <translation>Left early (times)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>缺勤（天）</source>
        <translation>Absent (days)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>上班 %1，下班 %2（本机设置）；只计至今日的工作日</source>
        <translation>Opens %1, closes %2 (this counter&apos;s settings); working days up to today only</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>月份</source>
        <translation>Month</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>正在统计……</source>
        <translation>Counting…</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>考勤表%1.xlsx</source>
        <translation>attendance-%1.xlsx</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>导出考勤表</source>
        <translation>Export attendance sheet</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>已导出 %1 人的考勤到 %2</source>
        <translation>Exported the attendance of %1 people to %2</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>编号</source>
        <translation>No.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>人员</source>
        <translation>Person</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>类别</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>自</source>
        <translation>From</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>至</source>
        <translation>To</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>审批人</source>
        <translation>Decided by</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>销假</source>
        <translation>Back from leave</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>事由</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>审批意见（不批准时必填）</source>
        <translation>Note (required when refusing)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>批准</source>
        <translation>Approve</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>不批准</source>
        <translation>Refuse</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>销假（自此回岗）</source>
        <translation>Back from leave (from this half day)</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>请先在列表中选择一份请假</source>
        <translation>First choose a leave request in the list</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>已办理</source>
        <translation>Done</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>上午</source>
        <translation>Morning</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>下午</source>
        <translation>Afternoon</translation>
    </message>
</context>
<context>
    <name>AuditDialog</name>
    <message>
        <location filename="../../ui/audit_view.py" line="+47"/>
        <source>原值</source>
        <extracomment>How far back the search reaches when the dialog opens. The details&apos; keys the services write, in words; any other is shown as it is.</extracomment>
        <translation>From</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>新值</source>
        <translation>To</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>事项数</source>
        <translation>Items</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>部门数</source>
        <translation>Departments</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>操作日志…</source>
        <translation>Audit trail…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>操作日志</source>
        <translation>Audit trail</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>操作人（用户名）</source>
        <translation>Person (user name)</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+28"/>
        <source>终端</source>
        <translation>Terminal</translation>
    </message>
    <message>
        <location line="-25"/>
        <source>全部操作</source>
        <translation>All actions</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>查询</source>
        <translation>Search</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>自</source>
        <translation>From</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>至</source>
        <translation>to</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>操作人</source>
        <translation>Person</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>对象</source>
        <translation>Subject</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>详情</source>
        <translation>Details</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>上一页</source>
        <translation>Previous page</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>下一页</source>
        <translation>Next page</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>正在查询……</source>
        <translation>Searching…</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>第 %1–%2 条</source>
        <translation>Entries %1–%2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>没有符合条件的操作记录</source>
        <translation>No entry matches</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1：%2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location line="-142"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>窗口</source>
        <translation>Windows</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>授权事项</source>
        <translation>Items authorised</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>授权文件</source>
        <translation>Authorisation document</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>文件日期</source>
        <translation>Document date</translation>
    </message>
</context>
<context>
    <name>CallingPanel</name>
    <message>
        <location filename="../../ui/calling_panel.py" line="+47"/>
        <source>叫下一位（当前号视为办结）</source>
        <extracomment>What each key does, in full (the buttons are short to fit a 1024-pixel screen).</extracomment>
        <translation>Call the next (the number in hand is done)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>再次呼叫当前号</source>
        <translation>Call the number in hand again</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>过号：叫号未到，可回队一次</source>
        <translation>No-show: called and did not come; may come back once</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>当前号办理结束</source>
        <translation>The number in hand is done</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>转到其他队列或窗口 (Ctrl+F8)</source>
        <translation>Send to another queue or window (Ctrl+F8)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>过号的人回来了：回到队列 (Ctrl+F7)</source>
        <translation>A passed number came back: back into the queue (Ctrl+F7)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>没有取号的人：取号并立即办理 (Ctrl+F6)</source>
        <translation>Someone without a number: take one and serve at once (Ctrl+F6)</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>叫号 F6</source>
        <extracomment>How often the number waiting is read again (tickets come from the kiosk and the pull).</extracomment>
        <translation>Call F6</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>重呼 F7</source>
        <translation>Again F7</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>过号 F8</source>
        <translation>No-show F8</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>办结 F10</source>
        <translation>Done F10</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>转移 ^F8</source>
        <translation>Move ^F8</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>回队 ^F7</source>
        <translation>Back ^F7</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>无号 ^F6</source>
        <translation>Walk-in ^F6</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>受理区还有未提交的内容：请先提交或清空 (Ctrl+N) 再叫号。</source>
        <translation>The intake holds work not yet submitted: submit it or clear it (Ctrl+N) before calling.</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>今天没有可回队的过号。</source>
        <translation>No passed number can come back today.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>受理区还有未提交的内容：请先提交或清空 (Ctrl+N)。</source>
        <translation>The intake holds work not yet submitted: submit it or clear it (Ctrl+N) first.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>没有等候的号。</source>
        <translation>Nobody is waiting.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>请 %1 号到 %2 号窗口</source>
        <translation>Number %1, please come to window %2</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>已重呼 %1 号（第 %2 次）</source>
        <translation>Called %1 again (call %2)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 号：%2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 号已回到队列。</source>
        <translation>%1 is back in the queue.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>此号在自助终端登记的办件尚未同步到本机：请按 F9 立即同步后再办理。</source>
        <translation>The case this number&apos;s holder registered at the kiosk has not reached this counter yet: press F9 to sync now, then serve them.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>等候 %1 人</source>
        <translation>%1 waiting</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>等候人数暂不可读</source>
        <translation>Waiting count unavailable</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>当前没有叫号</source>
        <translation>No one called</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>当前 %1</source>
        <translation>Now serving %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>等候 %1 分钟</source>
        <translation>waited %1 min</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>请先叫号 (F6)。</source>
        <translation>Call a number first (F6).</translation>
    </message>
</context>
<context>
    <name>CaseDetailDialog</name>
    <message>
        <location filename="../../ui/case_detail.py" line="+95"/>
        <source>理由或说明（不予受理、不予许可、退回、延期、撤回时必填）</source>
        <translation>Reason or note (required to refuse, deny, return, extend or withdraw)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>理由/说明(&amp;R)</source>
        <translation>&amp;Reason / note</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>特别程序</source>
        <translation>Special procedure</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>延长工作日</source>
        <translation>Extension (working days)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>凭条与通知书 (Alt+P)</source>
        <translation>Slips and notices (Alt+P)</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>办件 %1</source>
        <translation>Case %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&lt;br&gt;统一社会信用代码：&lt;b&gt;%1&lt;/b&gt;</source>
        <translation>&lt;br&gt;Unified social credit code: &lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&lt;h3&gt;%1 · %2&lt;/h3&gt;%3 · 申请人：%4（%5）&lt;br&gt;状态：&lt;b&gt;%6&lt;/b&gt; · 当前环节：%7</source>
        <translation>&lt;h3&gt;%1 · %2&lt;/h3&gt;%3 · applicant: %4 (%5)&lt;br&gt;status: &lt;b&gt;%6&lt;/b&gt; · current step: %7</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>暂停计时中</source>
        <translation>clock stopped</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>本环节已超出环节时限！</source>
        <translation>this step is over its own time limit!</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>一表制子件：总件 &lt;a href=&apos;case:%1&apos;&gt;%1&lt;/a&gt;（%2），结果由受理窗口统一发证</source>
        <translation>Part of a one-form application: parent &lt;a href=&apos;case:%1&apos;&gt;%1&lt;/a&gt; (%2); results are issued together at the accepting window</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>一表制申请：%1 个部门并联审批，已准予 %2 个；双击一行查看该部门的子件</source>
        <translation>One-form application: %1 departments in parallel, %2 approved; double-click a row to open that department&apos;s case</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>受理</source>
        <translation>Accept</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>材料已补齐</source>
        <translation>Materials complete</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>不予受理</source>
        <translation>Refuse</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>恢复计时</source>
        <translation>Resume clock</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>延长期限</source>
        <translation>Extend deadline</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>发证办结</source>
        <translation>Issue and close</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>登记取件</source>
        <translation>Record pick-up</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>申请人撤回</source>
        <translation>Withdrawn by applicant</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>撤回全部申请</source>
        <translation>Withdraw the whole application</translation>
    </message>
    <message>
        <location line="-30"/>
        <source>统一发证</source>
        <translation>Issue all together</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>准予许可</source>
        <translation>Approve</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>不予许可</source>
        <translation>Deny</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>完成“%1”</source>
        <translation>Complete “%1”</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>退回上一环节</source>
        <translation>Return to previous step</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>暂停计时</source>
        <translation>Stop clock</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>上报上级中心</source>
        <translation>Report up</translation>
    </message>
    <message>
        <location line="+89"/>
        <source>已记录。</source>
        <translation>Recorded.</translation>
    </message>
    <message>
        <location line="-198"/>
        <source>&lt;span style=&apos;color:%1&apos;&gt;&lt;b&gt;%2&lt;/b&gt;&lt;/span&gt; · %3 %4</source>
        <translation>&lt;span style=&apos;color:%1&apos;&gt;&lt;b&gt;%2&lt;/b&gt;&lt;/span&gt; · %3 %4</translation>
    </message>
</context>
<context>
    <name>CaseTableModel</name>
    <message>
        <location filename="../../ui/cases_view.py" line="+42"/>
        <source>办件编号</source>
        <extracomment>Every column a case list can show, by key, with its header.</extracomment>
        <translation>Case no.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>事项</source>
        <translation>Item</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>申请人</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>证件号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>接件时间</source>
        <translation>Received</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>应办结日期</source>
        <translation>Due</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>时限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>记录缺失或无法读取，请运行校验</source>
        <extracomment>The clock of a case whose log is gone or does not read (`verify` says what is wrong).</extracomment>
        <translation>Records missing or unreadable; run verify</translation>
    </message>
</context>
<context>
    <name>CasesView</name>
    <message>
        <location line="+101"/>
        <source>全部状态</source>
        <extracomment>Rows measured to fit a list&apos;s columns (Qt&apos;s default, 1,000, had the model render every cell of every row on the GUI thread at each refresh: ~100 ms for 100 rows).</extracomment>
        <translation>All states</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>只看我接件的(&amp;M)</source>
        <translation>&amp;Mine only</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message numerus="yes">
        <location line="+25"/>
        <source>共 %n 件</source>
        <translation>
            <numerusform>%n case</numerusform>
            <numerusform>%n cases</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ChiefDesk</name>
    <message>
        <location filename="../../ui/chief_desk.py" line="+110"/>
        <source>没有等待您决定的办件。</source>
        <extracomment>The desk&apos;s own message colours: the counter&apos;s stylesheet does not know these names.</extracomment>
        <translation>No cases are waiting for your decision.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>&lt;b&gt;待我决定&lt;/b&gt; · 仅列出您获授权审批的事项，按应办结日期排序</source>
        <translation>&lt;b&gt;Awaiting my decision&lt;/b&gt; · only items you are authorised to decide, by due date</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>刷新 (F5)</source>
        <translation>Refresh (F5)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>下级上报件</source>
        <translation>Sent up from below</translation>
    </message>
    <message>
        <location line="+166"/>
        <source>不予许可须写明理由：申请人将在决定书中看到。</source>
        <translation>A denial needs a reason: the applicant reads it in the decision.</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>延长期限须写明理由：将书面告知申请人。</source>
        <translation>An extension needs a reason: the applicant is told in writing.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>已延长 %1 个工作日，应于 %2 前办结。请将延长期限告知书交申请人。</source>
        <translation>Extended by %1 working days, due by %2. Give the applicant the extension notice.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>已准予许可：%1。</source>
        <translation>Approved: %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>统一社会信用代码：%1。</source>
        <translation>Unified social credit code: %1.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>已不予许可：%1。</source>
        <translation>Denied: %1.</translation>
    </message>
</context>
<context>
    <name>ClockText</name>
    <message numerus="yes">
        <location filename="../../ui/labels.py" line="+57"/>
        <source>超时 %n 个工作日</source>
        <translation>
            <numerusform>%n working day overdue</numerusform>
            <numerusform>%n working days overdue</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>按时办结</source>
        <translation>Finished on time</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>超时 %n 个工作日办结</source>
        <translation>
            <numerusform>finished %n working day late</numerusform>
            <numerusform>finished %n working days late</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>等待补正 %n 个工作日</source>
        <translation>
            <numerusform>waiting %n working day for corrections</numerusform>
            <numerusform>waiting %n working days for corrections</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>超过五日受理期限 %n 个工作日</source>
        <translation>
            <numerusform>%n working day past the five days to accept</numerusform>
            <numerusform>%n working days past the five days to accept</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>未受理</source>
        <translation>not accepted</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>已等待 %n 个工作日，五日受理期限将满</source>
        <translation>
            <numerusform>waited %n working day; the five days to accept run out</numerusform>
            <numerusform>waited %n working days; the five days to accept run out</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>已等待 %n 个工作日</source>
        <translation>
            <numerusform>waited %n working day</numerusform>
            <numerusform>waited %n working days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>剩余 %n 个工作日</source>
        <translation>
            <numerusform>%n working day left</numerusform>
            <numerusform>%n working days left</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CollectiveDecisionDialog</name>
    <message>
        <location filename="../../ui/step_record.py" line="+195"/>
        <source>集体决策：%1</source>
        <translation>Collective decision: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>录入会议记录和集体决策的结果；决定书将写明由该机构集体讨论作出。</source>
        <translation>Record the meeting and its outcome; the decision will state it was made collectively by this body.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>准予许可</source>
        <translation>Approve</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>不予许可</source>
        <translation>Deny</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>不予许可的理由（申请人将在决定书中看到）</source>
        <translation>Reason for the denial (the applicant reads it in the decision)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>决定</source>
        <translation>Decision</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>理由</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>记录并作出决定 (Ctrl+Enter)</source>
        <translation>Record and decide (Ctrl+Enter)</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>不予许可须写明理由。</source>
        <translation>A denial needs a reason.</translation>
    </message>
</context>
<context>
    <name>ConfirmDialog</name>
    <message>
        <location filename="../../ui/confirm.py" line="+45"/>
        <source>不予受理</source>
        <translation>Refusal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>准予许可</source>
        <translation>Approval</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>不予许可</source>
        <translation>Denial</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>确认后将写入办件记录，不能更改或撤销，并出具《%1》告知申请人。</source>
        <translation>Once confirmed, this is written to the case record for good, cannot be changed or undone, and the applicant receives the %1.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>确认写入 (Enter)</source>
        <translation>Confirm and write (Enter)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>返回修改 (Esc)</source>
        <translation>Go back (Esc)</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>%1（%2）</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>办件</source>
        <translation>Case</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>申请人</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>理由</source>
        <translation>Reason</translation>
    </message>
</context>
<context>
    <name>ConfirmPage</name>
    <message>
        <location filename="../../ui/kiosk_pages.py" line="+162"/>
        <source>确认取号</source>
        <translation>Take a number</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>返回</source>
        <translation>Back</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>请携带以下材料：</source>
        <translation>Please bring these materials:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1（%2）</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>办理地点：%1</source>
        <translation>Where: %1</translation>
    </message>
</context>
<context>
    <name>CounterWindow</name>
    <message>
        <location filename="../../ui/counter_window.py" line="+83"/>
        <source>一窗受理 · %1 · %2</source>
        <extracomment>The window&apos;s size on a screen with room for it; a smaller screen is filled instead. The language chosen in the settings (zh_CN or en): the session shows it at once.</extracomment>
        <translation>OneWindow · %1 · %2</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>受理 (F2)</source>
        <translation>Intake (F2)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>办件 (F3)</source>
        <translation>Cases (F3)</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+222"/>
        <source>待我决定 (F4)</source>
        <translation>My decisions (F4)</translation>
    </message>
    <message>
        <location line="-179"/>
        <source>%1（%2）· 窗口 %3 · 终端 %4</source>
        <translation>%1 (%2) · window %3 · terminal %4</translation>
    </message>
    <message>
        <location line="+144"/>
        <source>正在保存……</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location line="-117"/>
        <source>办件(&amp;C)</source>
        <translation>&amp;Cases</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>受理新件</source>
        <translation>New intake</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>办件列表</source>
        <translation>Case list</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>待我决定</source>
        <translation>My decisions</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>按编号查找办件…</source>
        <translation>Find case by number…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>锁定屏幕</source>
        <translation>Lock screen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>同步(&amp;S)</source>
        <translation>&amp;Sync</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>立即同步</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>同步隔离区…</source>
        <translation>Sync quarantine…</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>管理(&amp;A)</source>
        <translation>&amp;Administration</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>导入事项清单（Excel）…</source>
        <translation>Import item catalog (Excel)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>导出事项清单（Excel）…</source>
        <translation>Export item catalog (Excel)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>加载节假日安排…</source>
        <translation>Load holiday schedule…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>窗口…</source>
        <translation>Windows…</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>导入事项清单</source>
        <translation>Import item catalog</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>已导入 %1 个事项</source>
        <translation>%1 items imported</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>导出事项清单</source>
        <translation>Export item catalog</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>已导出 %1 个事项</source>
        <translation>%1 items exported</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>加载节假日安排</source>
        <translation>Load holiday schedule</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>节假日安排 (*.json)</source>
        <translation>Holiday schedule (*.json)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>已加载 %1 年节假日安排</source>
        <translation>Holiday schedule for %1 loaded</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>待我决定 %1 (F4)</source>
        <translation>My decisions %1 (F4)</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>请先在办件列表中选择一个办件。</source>
        <translation>Choose a case in the case list first.</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>查找办件</source>
        <translation>Find case</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>办件编号</source>
        <translation>Case no.</translation>
    </message>
    <message>
        <location filename="../../ui/calendar_warning.py" line="+28"/>
        <source>%1年节假日安排尚未加载，期限暂按周一至周五计算，请尽快加载。</source>
        <translation>The holiday schedule for %1 is not loaded: deadlines count Monday to Friday until it is. Please load it.</translation>
    </message>
    <message>
        <location filename="../../ui/counter_window.py" line="-179"/>
        <source>设置(&amp;T)</source>
        <translation>Se&amp;ttings</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>本机设置…</source>
        <translation>Counter settings…</translation>
    </message>
    <message>
        <location line="+208"/>
        <source>本机设置已保存。</source>
        <translation>Counter settings saved.</translation>
    </message>
    <message>
        <location line="-302"/>
        <source>今日预约 (F11)</source>
        <translation>Appointments (F11)</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>今日预约</source>
        <translation>Today&apos;s appointments</translation>
    </message>
    <message>
        <location line="+187"/>
        <source>受理页上还有未登记的内容：请先受理或清空 (Ctrl+N)，再打开预约。</source>
        <translation>The intake holds unsaved work: accept it or clear it (Ctrl+N) before opening an appointment.</translation>
    </message>
</context>
<context>
    <name>DailyReportDialog</name>
    <message>
        <location filename="../../ui/daily_report.py" line="+52"/>
        <source>当日办件日结单</source>
        <translation>Daily report of cases</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>正在生成日结单……</source>
        <translation>Preparing the daily report…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>打印日结单 (Ctrl+P)</source>
        <translation>Print the daily report (Ctrl+P)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>另存为 PDF… (Ctrl+S)</source>
        <translation>Save as PDF… (Ctrl+S)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>日期(&amp;D)</source>
        <translation>&amp;Date</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>本机没有中心当日签署的检查点（当日未能与中心同步），日结单上不能列出当日的根哈希。请先同步（F9），再重新打印。</source>
        <translation>This counter holds no checkpoint the central signed on that day (it could not sync with the central that day), so the report cannot show the day&apos;s root hash. Sync first (F9), then print the report again.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>当日检查点：记录数 %1，根哈希 %2，签署于 %3。</source>
        <translation>The day&apos;s checkpoint: %1 records, root hash %2, signed at %3. </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>本机记录与之相符。</source>
        <translation>The records here match it.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>本机记录与之不符：请立即报告中心，并运行校验。</source>
        <translation>The records here do NOT match it: report this to the central at once and run verify.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>当日另有 %1 条记录在其后写入，同步后可重新打印。</source>
        <translation> %1 more records of the day were written after it: sync, then print again.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>正在打印日结单……</source>
        <translation>Printing the daily report…</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>保存日结单</source>
        <translation>Save the daily report</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>日结单已保存：%1</source>
        <translation>Daily report saved: %1</translation>
    </message>
</context>
<context>
    <name>DecisionPanel</name>
    <message>
        <location filename="../../ui/decision_panel.py" line="+25"/>
        <source>决定</source>
        <translation>Decision</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>理由：不予许可、延长期限时必填，将写入决定书或告知书，申请人会看到</source>
        <translation>Reason: required to deny or extend; it goes into the decision or notice the applicant reads</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>准予 (Alt+Y)</source>
        <translation>Approve (Alt+Y)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>不予许可 (Alt+N)</source>
        <translation>Deny (Alt+N)</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+28"/>
        <source>集体决策… (Alt+J)</source>
        <translation>Collective decision… (Alt+J)</translation>
    </message>
    <message>
        <location line="-22"/>
        <source> 个工作日</source>
        <translation> working days</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>延长期限 (Alt+E)</source>
        <translation>Extend (Alt+E)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>延长</source>
        <translation>Extend by</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>须集体决策… (Alt+J)</source>
        <translation>Collective decision required… (Alt+J)</translation>
    </message>
</context>
<context>
    <name>DecisionSummary</name>
    <message>
        <location filename="../../ui/decision_summary.py" line="+37"/>
        <source>（法定代表人 %1）</source>
        <translation> (legal representative %1)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>申请人：%1 · 证件号码 %2</source>
        <translation>Applicant: %1 · ID %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>接件：%1 · %2 · %3</source>
        <translation>Received %1 · %2 · %3</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>承办部门：%1 · 决定环节：%2%3</source>
        <translation>Department: %1 · decision step: %2%3</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>（须集体决策，录入会议记录）</source>
        <translation> (collective decision: record the meeting)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>已延长 %1 个工作日（只可延长一次）</source>
        <translation>Extended by %1 working days (only once)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>已超出办理期限，不能再延长（第四十二条：延长须在原期限内决定）</source>
        <translation>The time limit has run out: it can no longer be extended (Art. 42: an extension is decided within the limit).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>一表制子件：总件 %1（%2），准予后由受理窗口统一发证</source>
        <translation>Part of one-form application %1 (%2); once approved, issued together at the accepting window</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>本件当前不在决定环节，不能作出决定。</source>
        <translation>This case is not at its decision step.</translation>
    </message>
</context>
<context>
    <name>DepartmentsBox</name>
    <message>
        <location filename="../../ui/one_form_departments.py" line="+25"/>
        <source>各部门所需（税务、社保、公章、银行）</source>
        <translation>For the departments (tax, social insurance, seals, bank)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>监事</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>财务负责人</source>
        <translation>Financial officer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>开户银行</source>
        <translation>Bank</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>刻制印章（枚）</source>
        <translation>Seals to engrave</translation>
    </message>
</context>
<context>
    <name>DocumentBar</name>
    <message>
        <location filename="../../ui/decision_document.py" line="+53"/>
        <source>打开 PDF</source>
        <translation>Open PDF</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>另存为…</source>
        <translation>Save as…</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>保存决定书</source>
        <translation>Save the decision</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>已保存：%1</source>
        <translation>Saved: %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>已在 PDF 阅读器中打开：%1</source>
        <translation>Opened in the PDF viewer: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>没有能打开 PDF 的程序。文件已保存在 %1。</source>
        <translation>No program can open PDFs. The file was saved at %1.</translation>
    </message>
</context>
<context>
    <name>DonePage</name>
    <message>
        <location filename="../../ui/kiosk_pages.py" line="+19"/>
        <source>完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>您的排队号</source>
        <translation>Your number</translation>
    </message>
</context>
<context>
    <name>EventHistory</name>
    <message>
        <location filename="../../ui/event_history.py" line="+37"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>环节</source>
        <translation>Step</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>经办人</source>
        <translation>Handled by</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>窗口</source>
        <translation>window</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>（准予）</source>
        <translation> (approved)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>（不予）</source>
        <translation> (denied)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>需补正：</source>
        <translation>To be corrected: </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>延长 %1 个工作日：</source>
        <translation>Extended by %1 working days: </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 在%2，%3：%4</source>
        <translation>%1 at %2, %3: %4</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>%1（%2）集体决策：%3</source>
        <translation>Collective decision by %1 (%2): %3</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>统一社会信用代码 %1</source>
        <translation>Unified social credit code %1</translation>
    </message>
</context>
<context>
    <name>GrantDialog</name>
    <message>
        <location filename="../../ui/staff_grant.py" line="+54"/>
        <source>授权事项 · %1</source>
        <translation>Authorised items · %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>勾选授权文件所列的本部门事项（取代此前的授权）：</source>
        <translation>Tick the department&apos;s items the authorisation document lists (they replace the earlier ones):</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>如 江市监授〔2026〕3号</source>
        <translation>e.g. 江市监授〔2026〕3号</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>授权文件文号(&amp;N)</source>
        <translation>Document &amp;number</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>文件日期(&amp;D)</source>
        <translation>Document &amp;date</translation>
    </message>
</context>
<context>
    <name>HalfDayEdit</name>
    <message>
        <location filename="../../ui/leave_dialog.py" line="+53"/>
        <source>上午</source>
        <translation>Morning</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>下午</source>
        <translation>Afternoon</translation>
    </message>
</context>
<context>
    <name>IdKeypad</name>
    <message>
        <location filename="../../ui/kiosk_keys.py" line="+90"/>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
</context>
<context>
    <name>IntakePanel</name>
    <message>
        <location filename="../../ui/intake.py" line="+85"/>
        <source>补正说明或不予受理理由（不予受理时必填）</source>
        <extracomment>The panel was emptied (after a case was stored, or by Ctrl+N). The appointment or online pre-application being taken up (None: a walk-in). The number of a received case in the panel (called with its ticket), or None for a new case. the ordinary applicant, or the one form of a company&apos;s establishment (一表制)</extracomment>
        <translation>Correction note or reason for refusal (required to refuse)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>受理 (Ctrl+Enter)</source>
        <translation>Accept (Ctrl+Enter)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>补正告知 (Ctrl+B)</source>
        <translation>Correction notice (Ctrl+B)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>不予受理 (Ctrl+R)</source>
        <translation>Refuse (Ctrl+R)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>清空 (Ctrl+N)</source>
        <translation>Clear (Ctrl+N)</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>办理事项</source>
        <translation>Item</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>申请材料（空格键勾选）</source>
        <translation>Materials (Space to tick)</translation>
    </message>
    <message>
        <location line="+88"/>
        <source>已读取%1的证件：%2 %3。</source>
        <translation>Card read for %1: %2 %3.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> 证件已过期，不能据此受理。</source>
        <translation> The card has expired: it cannot be accepted on it.</translation>
    </message>
    <message>
        <location line="-25"/>
        <source>证件已过期（有效期至 %1），请核实后决定是否受理。</source>
        <translation>The document expired (valid to %1): check it, then decide whether to accept.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>已读取证件：%1 %2。</source>
        <translation>Document read: %1 %2.</translation>
    </message>
    <message>
        <location line="+31"/>
        <source> 电话按本中心记录填入。</source>
        <translation> Phone filled in from this center&apos;s records.</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>所有必需材料均已勾选，无需补正，可直接受理。</source>
        <translation>All required materials are ticked: no correction is needed, the case can be accepted.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>不予受理须写明理由，请在说明栏填写。</source>
        <translation>A refusal needs its reason: please write it in the note field.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>请先选择办理事项。</source>
        <translation>Please choose the item first.</translation>
    </message>
    <message>
        <location line="+96"/>
        <source>申请人信息有误，请按提示修改。</source>
        <translation>The applicant data has errors: please correct them as shown.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>申请表有 %1 处问题，请按提示修改：%2</source>
        <translation>The form has %1 problem(s); please correct them as shown: %2</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>必需材料不齐，不能受理：</source>
        <translation>Required materials are missing, cannot accept: </translation>
    </message>
    <message>
        <location line="-27"/>
        <source>已抄告 %1 个部门并联审批：%2</source>
        <translation> Sent to %1 departments to approve in parallel: %2</translation>
    </message>
    <message>
        <location line="-168"/>
        <source>股东已满%1名，这张证件没有填入申请表。</source>
        <translation>The form already has %1 investors: this card was not put into it.</translation>
    </message>
    <message>
        <location line="+120"/>
        <source>事项</source>
        <translation>Item</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>理由</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>办件 %1 已登记：%2。</source>
        <translation>Case %1 recorded: %2. </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1。</source>
        <translation>%1.</translation>
    </message>
    <message>
        <location filename="../../ui/intake_online.py" line="+35"/>
        <source>此人今天 %1 有预约（%2）：%3</source>
        <translation>This person has an appointment today at %1 (%2): %3</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>已按网上申报 %1 填入，请核对后受理。</source>
        <translation>Filled from online application %1: check it and accept.</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="-130"/>
        <source>已调出自助终端登记的办件 %1：请核对材料后受理。</source>
        <translation>Case %1 registered at the kiosk is open: check the materials, then accept.</translation>
    </message>
</context>
<context>
    <name>InvestorList</name>
    <message>
        <location filename="../../ui/one_form_rows.py" line="+24"/>
        <source>占 %1%</source>
        <translation>%1%</translation>
    </message>
</context>
<context>
    <name>InvestorRow</name>
    <message>
        <location line="-149"/>
        <source>股东%1</source>
        <translation>Investor %1</translation>
    </message>
    <message>
        <location line="-60"/>
        <source>同法定代表人</source>
        <translation>Same as representative</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>认缴出资额（万元）</source>
        <translation>Subscribed (×10k yuan)</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>认缴（万元）</source>
        <translation>Subscribed (×10k yuan)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>出资期限</source>
        <translation>Due by</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>出资方式</source>
        <translation>Contribution in</translation>
    </message>
    <message>
        <location line="-29"/>
        <source>删除</source>
        <translation>Remove</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>删除这一名股东 (%1)</source>
        <translation>Remove this investor (%1)</translation>
    </message>
    <message>
        <location line="-15"/>
        <source>法人股东名称</source>
        <translation>Name of the legal person</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>法人股东（企业）</source>
        <translation>Legal person (enterprise)</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+8"/>
        <source>统一社会信用代码</source>
        <translation>Unified social credit code</translation>
    </message>
    <message>
        <location line="-17"/>
        <source>自然人（读取证件）</source>
        <translation>Natural person (card)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>名称</source>
        <translation>Name</translation>
    </message>
</context>
<context>
    <name>ItemInfo</name>
    <message>
        <location filename="../../ui/item_info.py" line="+26"/>
        <source>请先检索并选择办理事项</source>
        <translation>Search for and choose the item first</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>当场办结</source>
        <translation>finished on the spot</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>承诺 %1 个工作日（法定 %2 个）</source>
        <translation>%1 working days committed (%2 by law)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>不收费</source>
        <translation>free of charge</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;%2 · %3&lt;br&gt;%4 · %5&lt;br&gt;收费：%6&lt;br&gt;办理地点：%7厅%8楼 %9窗口&lt;br&gt;&lt;small&gt;%10&lt;/small&gt;</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;%2 · %3&lt;br&gt;%4 · %5&lt;br&gt;Fee: %6&lt;br&gt;Where: hall %7, floor %8, window %9&lt;br&gt;&lt;small&gt;%10&lt;/small&gt;</translation>
    </message>
</context>
<context>
    <name>ItemPage</name>
    <message>
        <location filename="../../ui/kiosk_pages.py" line="-119"/>
        <source>输入事项名称或拼音首字母，如 yyzz</source>
        <translation>Type the item&apos;s pinyin initials, e.g. yyzz</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>拼音查找</source>
        <translation>By pinyin</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>按部门</source>
        <translation>By department</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>常办事项</source>
        <translation>Common items</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>没有找到，请换个词或按部门查找</source>
        <translation>Nothing found; try other letters or a department</translation>
    </message>
</context>
<context>
    <name>ItemSearch</name>
    <message>
        <location filename="../../ui/item_search.py" line="+47"/>
        <source>输入事项名称、编码或拼音（如 yyzz）</source>
        <extracomment>Items of another department: readable, but plainly not for this window.</extracomment>
        <translation>Type an item name, code or pinyin (e.g. yyzz)</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>%1 〔%2〕</source>
        <translation>%1 [%2]</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>由%1中心受理</source>
        <translation>Accepted by %1 centers</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>省</source>
        <translation>prov.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>市</source>
        <translation>city</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>县</source>
        <translation>district</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>乡</source>
        <translation>township</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>  · 本窗口不能受理</source>
        <translation>  · not accepted at this window</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>%1    〔%2〕 %3</source>
        <translation>%1    [%2] %3</translation>
    </message>
</context>
<context>
    <name>JointTable</name>
    <message>
        <location filename="../../ui/one_form_views.py" line="+94"/>
        <source>部门事项</source>
        <translation>Department item</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>子件编号</source>
        <translation>Case no.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>当前环节</source>
        <translation>Current step</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>不予许可理由</source>
        <translation>Reason for denial</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+37"/>
        <source>尚未同步到本窗口</source>
        <translation>not yet synced to this window</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>%1已被不予许可：%2</source>
        <translation>%1 was denied: %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1（%2）%3</source>
        <translation>%1 (%2) %3</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>还不能统一发证：%1。</source>
        <translation>Cannot issue yet: %1.</translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message>
        <location filename="../../ui/kiosk_window.py" line="+70"/>
        <source>自助终端</source>
        <extracomment>How long the number stays on the screen after its slip came out. the visitor was forgotten (the session goes back to the terminal&apos;s language)</extracomment>
        <translation>Self-service kiosk</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>重新开始</source>
        <extracomment>the hall&apos;s common items, read on the worker at start and after each number</extracomment>
        <translation>Start again</translation>
    </message>
    <message>
        <location line="+121"/>
        <source>您好，%1！请选择要办理的事项</source>
        <translation>Hello, %1! Please choose what you came for</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>您好！请选择要办理的事项</source>
        <translation>Hello! Please choose what you came for</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>本大厅常办事项</source>
        <translation>Common items in this hall</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>“%1”的查找结果</source>
        <translation>Results for “%1”</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>请到 %1 等候叫号，您前面还有 %2 人</source>
        <translation>Please wait at %1 to be called; %2 before you</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>请取走凭条</source>
        <translation>Please take your slip</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>凭条没有打印出来：%1。请记下您的排队号，到导办台补打凭条</source>
        <translation>The slip did not print: %1. Please note your number and collect the slip at the guide desk</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>证件已移开，请重新放置证件</source>
        <translation>The card was taken away; please place it again</translation>
    </message>
</context>
<context>
    <name>LanguageWhenFree</name>
    <message>
        <location filename="../../ui/language_switch.py" line="+48"/>
        <source>英文 (English)</source>
        <translation>English</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>简体中文</source>
        <translation>Chinese (Simplified)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>界面语言将在当前填写的内容保存或清空（Ctrl+N）后切换为%1。</source>
        <translation>The language changes to %1 once what is being filled in is saved or cleared (Ctrl+N).</translation>
    </message>
</context>
<context>
    <name>LeaveDialog</name>
    <message>
        <location filename="../../ui/leave_dialog.py" line="+21"/>
        <source>请假</source>
        <translation>Leave</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>请假事由</source>
        <translation>Reason for the leave</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>提交</source>
        <translation>Submit</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>类别</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>自</source>
        <translation>From</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>至</source>
        <translation>To</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>事由</source>
        <translation>Reason</translation>
    </message>
</context>
<context>
    <name>LetterKeyboard</name>
    <message>
        <location filename="../../ui/kiosk_keys.py" line="-23"/>
        <source>删除</source>
        <extracomment>The smallest a target may be for a finger (ISO 9241-9 and the touch guidelines: ≥ 15 mm).</extracomment>
        <translation>Delete</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../ui/login.py" line="+52"/>
        <source>一窗受理 · 登录</source>
        <translation>OneWindow · Sign in</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>屏幕已锁定，请输入密码解锁</source>
        <translation>Screen locked: type your password to unlock</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>窗口受理系统</source>
        <translation>Counter intake system</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>解锁</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>登录</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>用户名(&amp;U)</source>
        <translation>&amp;User name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>密码(&amp;P)</source>
        <translation>&amp;Password</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>请输入用户名和密码</source>
        <translation>Please type user name and password</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>密码不正确</source>
        <translation>Wrong password</translation>
    </message>
    <message>
        <location line="-51"/>
        <source>新密码(&amp;N)</source>
        <translation>&amp;New password</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>再输一次(&amp;A)</source>
        <translation>Type it &amp;again</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>设置新密码并登录</source>
        <translation>Set the new password and sign in</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>两次输入的新密码不一致</source>
        <translation>The two new passwords typed differ</translation>
    </message>
    <message>
        <location line="-63"/>
        <source>人员名单尚未从中心取得</source>
        <translation>Staff list not yet taken from the central</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>人员名单更新于 %1月%2日 %3</source>
        <translation>Staff list as of %1/%2 %3</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>（离线）</source>
        <translation> (offline)</translation>
    </message>
</context>
<context>
    <name>MaintenanceDialog</name>
    <message>
        <location filename="../../ui/kiosk_maintenance.py" line="+35"/>
        <source>自助终端维护</source>
        <translation>Kiosk maintenance</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>进入维护</source>
        <translation>Enter maintenance</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>管理员用户名</source>
        <translation>Administrator&apos;s user name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>本机设置</source>
        <translation>Settings of this terminal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>打印测试页</source>
        <translation>Print a test page</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>补打队列</source>
        <translation>Reprint queue</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>退出自助终端</source>
        <translation>Quit the kiosk</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>只有系统管理员可以进入自助终端维护</source>
        <translation>Only a system administrator may enter kiosk maintenance</translation>
    </message>
</context>
<context>
    <name>MaterialsChecklist</name>
    <message>
        <location filename="../../ui/materials.py" line="+26"/>
        <source>原件</source>
        <translation>original</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>复印件</source>
        <translation>copy</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>必需</source>
        <translation>required</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>选填</source>
        <translation>optional</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1（%2 %3份，%4）</source>
        <translation>%1 (%2, %3 cop., %4)</translation>
    </message>
</context>
<context>
    <name>NoShowDialog</name>
    <message>
        <location filename="../../ui/calling_dialogs.py" line="+78"/>
        <source>过号回队</source>
        <translation>No-show back in the queue</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 号 %2（过号于 %3）</source>
        <translation>%1 %2 (passed at %3)</translation>
    </message>
</context>
<context>
    <name>OneFormPanel</name>
    <message>
        <location filename="../../ui/one_form_panel.py" line="+87"/>
        <source>如：江川市澄湖商贸有限公司</source>
        <translation>e.g. 江川市澄湖商贸有限公司</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>万元</source>
        <translation>×10k yuan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>规范表述，以顿号分隔</source>
        <translation>Standard terms, separated by commas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>具体到门牌号</source>
        <translation>Down to the door number</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>企业联系电话</source>
        <translation>Company phone</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>基本存款账户开户银行</source>
        <translation>Bank of the basic deposit account</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>财务负责人电话</source>
        <translation>Financial officer&apos;s phone</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>长期</source>
        <translation>Indefinite</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1年</source>
        <translation>%1 years</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>企业信息</source>
        <translation>Company</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>企业名称</source>
        <translation>Company name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>注册资本</source>
        <translation>Registered capital</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>经营范围</source>
        <translation>Business scope</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>住所</source>
        <translation>Domicile</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>从业人数</source>
        <translation>Employees</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>营业期限</source>
        <translation>Operating period</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>法定代表人</source>
        <translation>Legal representative</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>法定代表人与股东（读取证件）</source>
        <translation>Legal representative and investors (read their cards)</translation>
    </message>
    <message>
        <location line="+254"/>
        <source>认缴合计 %1 万元，注册资本 %2 万元：出资比例合计应为100%</source>
        <translation>Subscribed in total %1 ×10k yuan of a registered capital of %2 ×10k yuan: the shares must come to 100%</translation>
    </message>
    <message>
        <location line="-233"/>
        <source>删除光标所在的股东：%1</source>
        <translation>Remove the investor the cursor is in: %1</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>有限责任公司的股东最多%1名（公司法第四十二条）</source>
        <translation>A limited liability company has at most %1 investors (Company Law, Art. 42)</translation>
    </message>
    <message>
        <location line="-48"/>
        <source>添加股东 (%1)</source>
        <translation>Add investor (%1)</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>至少需要一名股东（一人有限公司）</source>
        <translation>At least one investor is needed (a one-person company)</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>请先把光标放在要删除的股东一行</source>
        <translation>First put the cursor in the row of the investor to remove</translation>
    </message>
    <message>
        <location line="-145"/>
        <source>执行董事</source>
        <translation>Executive director</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>经理</source>
        <translation>Manager</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>董事长</source>
        <translation>Chairman</translation>
    </message>
    <message>
        <location filename="../../ui/one_form_rows.py" line="-122"/>
        <source>货币</source>
        <translation>Cash</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>实物</source>
        <translation>In kind</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>知识产权</source>
        <translation>Intellectual property</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>土地使用权</source>
        <translation>Land use right</translation>
    </message>
</context>
<context>
    <name>PageBar</name>
    <message>
        <location filename="../../ui/page_bar.py" line="+26"/>
        <source>上一页</source>
        <translation>Previous page</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>下一页</source>
        <translation>Next page</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>第 %1–%2 件，共 %3 件</source>
        <translation>Cases %1–%2 of %3</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>共 %n 件</source>
        <translation>
            <numerusform>%n case</numerusform>
            <numerusform>%n cases</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PausedPage</name>
    <message>
        <location filename="../../ui/kiosk_pages.py" line="+92"/>
        <source>暂停服务</source>
        <translation>Out of service</translation>
    </message>
</context>
<context>
    <name>PersonSlot</name>
    <message>
        <location filename="../../ui/one_form_rows.py" line="+22"/>
        <location line="+67"/>
        <source>读卡</source>
        <translation>Read card</translation>
    </message>
    <message>
        <location line="-25"/>
        <source>请在读卡器上放置证件</source>
        <translation>Place the card on the reader</translation>
    </message>
    <message>
        <location line="-38"/>
        <source>手机号码</source>
        <translation>Mobile phone</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>证件已过期（有效期至 %1），不能据此受理。</source>
        <translation>The card expired (valid until %1): it cannot be accepted on it.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>长期</source>
        <translation>Indefinite</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&lt;b&gt;%1&lt;/b&gt; %2 · 有效期至 %3</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; %2 · valid until %3</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>等待读卡…</source>
        <translation>Waiting for a card…</translation>
    </message>
</context>
<context>
    <name>PrintQueueDialog</name>
    <message>
        <location filename="../../ui/print_queue.py" line="+44"/>
        <source>补打队列</source>
        <translation>Reprint queue</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>办件编号</source>
        <translation>Case no.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>凭条</source>
        <translation>Slip</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>放入时间</source>
        <translation>Queued at</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>次数</source>
        <translation>Attempts</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>未打印的原因</source>
        <translation>Why it did not print</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>补打选中的凭条 (Enter)</source>
        <translation>Reprint the selected slip (Enter)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>刷新 (F5)</source>
        <translation>Refresh (F5)</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>补打队列是空的：所有凭条都已打印。</source>
        <translation>The reprint queue is empty: every slip has printed.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>正在补打 %1 的凭条……</source>
        <translation>Reprinting the slip of %1…</translation>
    </message>
</context>
<context>
    <name>PrinterDesk</name>
    <message>
        <location filename="../../ui/printer_desk.py" line="+36"/>
        <source>正常</source>
        <translation>Ready</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>纸将用尽</source>
        <translation>Paper near its end</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>缺纸</source>
        <translation>Out of paper</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>盖未关好</source>
        <translation>Cover open</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>未开机（连不上）</source>
        <translation>Switched off (unreachable)</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>打印机：查询中……</source>
        <translation>Printer: asking…</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>打印(&amp;P)</source>
        <translation>&amp;Print</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>凭条与通知书…</source>
        <translation>Slips and notices…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>补打队列…</source>
        <translation>Reprint queue…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>打印日结单…</source>
        <translation>Daily report…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>打印机设置…</source>
        <translation>Printer settings…</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>模拟打印机</source>
        <translation>Simulated printer</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>打印机：%1</source>
        <translation>Printer: %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source> · 待补打 %1 张</source>
        <translation> · %1 to reprint</translation>
    </message>
</context>
<context>
    <name>PrinterSettingsDialog</name>
    <message>
        <location filename="../../ui/printer_settings.py" line="+34"/>
        <source>模拟打印机（演示）</source>
        <translation>Simulated printer (demo)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>网络打印机</source>
        <translation>Network printer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>USB 打印机</source>
        <translation>USB printer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>串口打印机</source>
        <translation>Serial printer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>设备文件</source>
        <translation>Device file</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>打印机设置</source>
        <translation>Printer settings</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>80 毫米</source>
        <translation>80 mm</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>58 毫米</source>
        <translation>58 mm</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>以图像方式打印（打印机没有中文字库时选用）</source>
        <translation>Print as an image (for printers without Chinese fonts)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>打印前查询打印机状态</source>
        <translation>Ask the printer its status before printing</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>登记办件后自动打印凭条</source>
        <translation>Print the slip as soon as a case is registered</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>留空则印“样章”</source>
        <translation>Leave empty for a specimen seal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>选择…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>查询状态</source>
        <translation>Ask status</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>打印测试页</source>
        <translation>Print test page</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>连接方式(&amp;C)</source>
        <translation>&amp;Connection</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>地址(&amp;D)</source>
        <translation>A&amp;ddress</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>纸宽(&amp;W)</source>
        <translation>Paper &amp;width</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>印章图片</source>
        <translation>Seal image</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>只有系统管理员可以修改打印机设置</source>
        <translation>Only the administrator can change the printer settings</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>例如 %1</source>
        <translation>e.g. %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>选择印章图片</source>
        <translation>Choose the seal image</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PNG 图片 (*.png)</source>
        <translation>PNG images (*.png)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>正在查询打印机状态……</source>
        <translation>Asking the printer its status…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>正在打印测试页……</source>
        <translation>Printing the test page…</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>打印机设置已保存。</source>
        <translation>Printer settings saved.</translation>
    </message>
</context>
<context>
    <name>QuarantineDialog</name>
    <message>
        <location filename="../../ui/quarantine.py" line="+31"/>
        <source>本机上传被拒</source>
        <translation>Refused by the central</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>中心记录与本机冲突</source>
        <translation>Central&apos;s event conflicts here</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>同步隔离区</source>
        <translation>Sync quarantine</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>隔离时间</source>
        <translation>Held at</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>方向</source>
        <translation>Direction</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>办件编号</source>
        <translation>Case no.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>第几条</source>
        <translation>Position</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>环节</source>
        <translation>Step</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>结果</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>共 %1 条记录在隔离区；记录本身不会被修改或删除。</source>
        <translation>%1 events in quarantine; the events themselves are never changed or removed.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>隔离区是空的：所有记录都已与中心一致。</source>
        <translation>The quarantine is empty: every event agrees with the central.</translation>
    </message>
</context>
<context>
    <name>ReaderStatus</name>
    <message>
        <location filename="../../ui/reader_status.py" line="+22"/>
        <source>读卡器：连接中……</source>
        <translation>Card reader: connecting…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>模拟读卡器(&amp;R)</source>
        <translation>Simulated &amp;reader</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>放上：%1</source>
        <translation>Place: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>拿开证件</source>
        <translation>Lift the card</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>读卡器：就绪（%1）</source>
        <translation>Card reader: ready (%1)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>读卡器：不可用，可手工录入（%1）</source>
        <translation>Card reader: unavailable, type the applicant in (%1)</translation>
    </message>
</context>
<context>
    <name>RecordDialog</name>
    <message>
        <location filename="../../ui/step_record.py" line="-191"/>
        <source>办理日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>地点</source>
        <translation>Place</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>参加人员</source>
        <translation>Staff</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>结论或意见</source>
        <translation>Findings</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>决策机构</source>
        <translation>Body</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>会议日期</source>
        <translation>Meeting date</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>出席人员</source>
        <translation>Attendees</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>决议内容</source>
        <translation>Resolution</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>如：申请人经营场所（江川市××路××号）</source>
        <translation>e.g. the applicant&apos;s premises (No. ×× ×× Road, Jiangchuan)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>姓名及职务，多人以顿号分隔</source>
        <translation>Names and posts, separated by commas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>核查、听证、评审或鉴定的结论</source>
        <translation>Conclusion of the check, hearing, review or appraisal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>如：局务会、专家评审委员会</source>
        <translation>e.g. bureau meeting, expert review committee</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>出席人员姓名及职务</source>
        <translation>Names and posts of those present</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>会议形成的决议</source>
        <translation>What the meeting resolved</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>保存记录 (Ctrl+Enter)</source>
        <translation>Save the record (Ctrl+Enter)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>请填写：%1。</source>
        <translation>Please fill in: %1.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>正在保存……</source>
        <translation>Saving…</translation>
    </message>
</context>
<context>
    <name>RefusedChangesDialog</name>
    <message>
        <location filename="../../ui/refused_changes.py" line="+32"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>窗口</source>
        <translation>Window</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>授权事项</source>
        <translation>Authorised items</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>授权文件</source>
        <translation>Authorisation document</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>授权日期</source>
        <translation>Authorisation date</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>窗口号</source>
        <translation>Window number</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>大厅</source>
        <translation>Hall</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>楼层</source>
        <translation>Floor</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>终端</source>
        <translation>Terminal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>意见</source>
        <translation>Note</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>销假日期</source>
        <translation>Back on</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>未被接受的修改</source>
        <translation>Changes not accepted</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>修改时间</source>
        <translation>Changed at</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>对象</source>
        <translation>Subject</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>修改人</source>
        <translation>Changed by</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>修改</source>
        <translation>Change</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>当时填写的内容</source>
        <translation>What was typed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>中心未采纳的原因</source>
        <translation>Why the central did not accept it</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>共 %1 条修改中心未采纳（别人先改了同一对象）：本机已显示中心的版本。如仍需要，请按上面的内容在当前版本上重新修改。</source>
        <translation>%1 change(s) not accepted by the central (someone changed the same subject first): this counter now shows the central&apos;s version. If still needed, make the change again on the current version, as typed above.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>没有未被接受的修改。</source>
        <translation>No changes were refused.</translation>
    </message>
</context>
<context>
    <name>ReportedDesk</name>
    <message>
        <location filename="../../ui/reported_desk.py" line="+50"/>
        <source>下级中心上报的办件</source>
        <translation>Cases sent up from the centers below</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>办件编号</source>
        <translation>Case number</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>事项</source>
        <translation>Item</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>上报中心</source>
        <translation>Sent up by</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>申请人</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>应办结</source>
        <translation>Due</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>不予许可须写明理由</source>
        <translation>A denial needs its reason</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+72"/>
        <source>准予许可</source>
        <translation>Approve</translation>
    </message>
    <message>
        <location line="-70"/>
        <location line="+70"/>
        <source>不予许可</source>
        <translation>Deny</translation>
    </message>
    <message>
        <location line="-68"/>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>没有上报本中心、等待您决定的办件。</source>
        <translation>No case sent up to this center waits for your decision.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>下级中心上报本中心决定的办件（从中心数据库读取），决定即写回受理窗口</source>
        <translation>Cases the centers below sent up for this center&apos;s decision (read from the central); the decision goes back to the accepting window</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>%1：%2，已写回%3的受理窗口</source>
        <translation>%1: %2, sent back to the accepting window of %3</translation>
    </message>
</context>
<context>
    <name>ScreenLock</name>
    <message>
        <location filename="../../ui/lock_screen.py" line="+110"/>
        <source>您的账号已被管理员停用，已锁定屏幕；未保存的输入仍保留</source>
        <translation>Your account was disabled by an administrator; the screen is locked and your unsaved input is kept</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../ui/settings_dialog.py" line="-193"/>
        <source>打印测试页</source>
        <extracomment>The settings with a test button: the button&apos;s title and what it says while it runs.</extracomment>
        <translation>Print test page</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>正在打印测试页……</source>
        <translation>Printing the test page…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>试读身份证</source>
        <translation>Try a card read</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>正在读卡……</source>
        <translation>Reading the card…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>测试连接</source>
        <translation>Test the connection</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>正在连接中心……</source>
        <translation>Connecting to the central…</translation>
    </message>
    <message>
        <location line="+108"/>
        <source>本机设置</source>
        <translation>Counter settings</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>灰色的设置由系统管理员修改。</source>
        <translation>Greyed-out settings are changed by the system administrator.</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>读卡器正在使用：请放上一张身份证（读到的证件如常填入受理）</source>
        <translation>The card reader is in use: place an ID card on it (the card read fills the intake as usual)</translation>
    </message>
    <message>
        <location filename="../../ui/setting_editors.py" line="+65"/>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location line="-43"/>
        <location line="+1"/>
        <location line="+1"/>
        <source> 分钟</source>
        <extracomment>The unit after a number, by setting.</extracomment>
        <translation> min</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> 份</source>
        <translation> copies</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source> 条</source>
        <translation> records</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>只有系统管理员可以修改此项</source>
        <translation>Only the system administrator can change this setting</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>简体中文</source>
        <translation>Chinese (Simplified)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>英文 (English)</source>
        <translation>English</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 毫米</source>
        <translation>%1 mm</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="-80"/>
        <source>中心统一设置尚未从中心取得（离线）：暂用本机的值</source>
        <extracomment>The tests&apos; own worker, started by the first test and stopped when the dialog closes: a slow printer or central never holds up a save, or a case being saved. While a test waits for the reader in use: its signals&apos; names and the slots on them.</extracomment>
        <translation>The center&apos;s settings have not been taken from the central yet (offline): this counter&apos;s own values are in use</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>离线：中心统一设置更新于 %1月%2日 %3</source>
        <translation>Offline: the center&apos;s settings as of %1/%2 %3</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>标有“中心统一设置”的各项由本中心管理员在任一终端修改，经中心发布到本中心的每个终端，同步后即生效（窗口标题上的中心名称于下次登录时更新）。</source>
        <translation>Settings marked &quot;Center setting&quot; are changed by an administrator of the center at any counter and published through the central to every counter of the center; they apply after the next sync (the center&apos;s name in the window title changes at the next sign-in).</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>中心统一设置</source>
        <translation>Center setting</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>本机</source>
        <translation>This counter</translation>
    </message>
</context>
<context>
    <name>SharedFormBox</name>
    <message>
        <location filename="../../ui/one_form_views.py" line="-112"/>
        <source>一表制申请表（各部门共享）</source>
        <translation>One-form application (shared by all departments)</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>%1（%2）认缴 %3 万元，占 %4%</source>
        <translation>%1 (%2) subscribes %3 ×10k yuan, %4%</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>企业名称</source>
        <translation>Company name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>注册资本</source>
        <translation>Registered capital</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 万元</source>
        <translation>%1 ×10k yuan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>经营范围</source>
        <translation>Business scope</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>住所</source>
        <translation>Domicile</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>法定代表人</source>
        <translation>Legal representative</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>股东</source>
        <translation>Investors</translation>
    </message>
</context>
<context>
    <name>SlipPreviewDialog</name>
    <message>
        <location filename="../../ui/slip_preview.py" line="+53"/>
        <source>凭条与通知书 · %1</source>
        <translation>Slips and notices · %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>正在生成预览……</source>
        <translation>Drawing the preview…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>打印凭条 (Ctrl+P)</source>
        <translation>Print slip (Ctrl+P)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>另存为 PDF… (Ctrl+S)</source>
        <translation>Save as PDF… (Ctrl+S)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>打开 PDF (Ctrl+O)</source>
        <translation>Open PDF (Ctrl+O)</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>凭条（热敏打印机）</source>
        <translation>Slip (thermal printer)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>凭条(&amp;K)</source>
        <translation>Slip &amp;kind</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>书面通知书（A4，PDF）</source>
        <translation>Written notices (A4, PDF)</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>正在打印%1……</source>
        <translation>Printing %1…</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>本办件目前没有需要出具的通知书</source>
        <translation>This case needs no written notice now</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>保存通知书</source>
        <translation>Save notice</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>通知书已保存：%1</source>
        <translation>Notice saved: %1</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>已在 PDF 阅读器中打开：%1</source>
        <translation>Opened in the PDF viewer: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>没有能打开 PDF 的程序。通知书已保存在 %1，可用“另存为”另存。</source>
        <translation>No program here opens PDF files. The notice is saved at %1; use &quot;Save as&quot; to keep a copy elsewhere.</translation>
    </message>
</context>
<context>
    <name>StaffForm</name>
    <message>
        <location filename="../../ui/staff_form.py" line="+56"/>
        <source>新建人员</source>
        <translation>New staff member</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>修改人员</source>
        <translation>Change staff member</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1（%2）</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>如 A01, A02（可坐的窗口，第一个为本人窗口）</source>
        <translation>e.g. A01, A02 (windows the person may sit at, their own first)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>用户名(&amp;U)</source>
        <translation>&amp;User name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>姓名(&amp;M)</source>
        <translation>Na&amp;me</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>角色(&amp;R)</source>
        <translation>&amp;Role</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>部门(&amp;B)</source>
        <translation>Depart&amp;ment</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>窗口(&amp;W)</source>
        <translation>&amp;Windows</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>初始密码(&amp;P)</source>
        <translation>First &amp;password</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>；本人首次登录时须设置自己的密码。</source>
        <translation>; the person sets their own at the first sign-in.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>记录</source>
        <translation>Log</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>第%1版  %2  %3（%4）  %5</source>
        <translation>Version %1  %2  %3 (%4)  %5</translation>
    </message>
</context>
<context>
    <name>StaffScreen</name>
    <message>
        <location filename="../../ui/staff_screen.py" line="+52"/>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>窗口</source>
        <translation>Windows</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>最近修改</source>
        <translation>Last change</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>启用</source>
        <extracomment>The state column&apos;s words by (active, must change the password).</extracomment>
        <translation>Enabled</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>启用（待设新密码）</source>
        <translation>Enabled (new password pending)</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>停用</source>
        <translation>Disabled</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>锁定至 %1</source>
        <translation>Locked until %1</translation>
    </message>
    <message>
        <location line="+105"/>
        <source>人员…</source>
        <extracomment>Each column&apos;s width, in Chinese characters.</extracomment>
        <translation>Staff…</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>人员</source>
        <translation>Staff</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>筛选：用户名、姓名、角色、部门、窗口</source>
        <translation>Filter: user name, name, role, department, window</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>新建(&amp;N)…</source>
        <translation>&amp;New…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>修改(&amp;E)…</source>
        <translation>&amp;Edit…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>停用 / 启用(&amp;D)</source>
        <translation>&amp;Disable / enable</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>重置密码(&amp;R)…</source>
        <translation>&amp;Reset password…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>授权事项(&amp;G)…</source>
        <translation>&amp;Grant items…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>解锁(&amp;U)</source>
        <translation>&amp;Unlock</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>共 %1 人</source>
        <translation>%1 people</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>请先在列表中选一个人</source>
        <translation>Choose a person in the list first</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>已保存 %1</source>
        <translation>Saved %1</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>为 %1（%2）重置密码？将给出一次性密码，本人下次登录时须设置新密码。</source>
        <translation>Reset the password of %1 (%2)? A one-time password is given; the person sets a new one at the next sign-in.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1 的一次性密码：%2
请当面交给本人；下次登录时须设置自己的密码。</source>
        <translation>One-time password of %1: %2
Hand it to the person in person; they set their own at the next sign-in.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>只有首席代表才有授权事项</source>
        <translation>Only a chief representative has authorised items</translation>
    </message>
</context>
<context>
    <name>StartCheck</name>
    <message>
        <location filename="../../ui/start_check.py" line="+52"/>
        <source>本机数据库</source>
        <extracomment>Cases named in the box itself; the details list every finding.</extracomment>
        <translation>this computer&apos;s database</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>等</source>
        <translation> and more</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>数据校验</source>
        <translation>Data check</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>启动时的数据校验发现%1处问题（%2）：记录可能被改动或删除。</source>
        <translation>The data check at start found %1 problem(s) (%2): records may have been changed or deleted.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>请立即告知系统管理员。管理员在本机运行 onewindow verify 可看到每处问题所在的办件和原因。</source>
        <translation>Tell the system administrator now. Running onewindow verify on this computer shows the administrator the case and the reason of each problem.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>本机数据库：%1</source>
        <translation>This computer&apos;s database: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>办件 %1：%2</source>
        <translation>Case %1: %2</translation>
    </message>
</context>
<context>
    <name>StartPage</name>
    <message>
        <location filename="../../ui/kiosk_pages.py" line="-182"/>
        <location line="+22"/>
        <source>请将身份证件放在读卡器上</source>
        <translation>Please place your ID card on the reader</translation>
    </message>
    <message>
        <location line="-19"/>
        <source>居民身份证、港澳台居民居住证、外国人永久居留身份证均可</source>
        <translation>Resident ID card, Hong Kong / Macau / Taiwan residence permit or foreign permanent resident ID card</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>读卡器暂不可用，请输入身份证号码取号</source>
        <translation>The card reader is not available: type your ID number to take a number</translation>
    </message>
</context>
<context>
    <name>StepRecordDialog</name>
    <message>
        <location filename="../../ui/step_record.py" line="+15"/>
        <source>事后录入：%1</source>
        <translation>Recorded afterwards: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>“%1”在大厅外办理。请录入办理情况，记录将留在办件的办理记录中。</source>
        <translation>“%1” is done outside the hall. Record what was done; it stays in the case&apos;s trace.</translation>
    </message>
</context>
<context>
    <name>SyncDesk</name>
    <message>
        <location filename="../../ui/sync_desk.py" line="+37"/>
        <source>中心：……</source>
        <extracomment>A round every this often when nothing else asks for one.</extracomment>
        <translation>Central: …</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>补传 %v / %m</source>
        <translation>Catching up %v / %m</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>中心：同步出错（%1）</source>
        <translation>Central: sync error (%1)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>中心：未设置（只在本机保存）</source>
        <translation>Central: not set (kept on this machine only)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>中心：离线 · 待上传 %1 条</source>
        <translation>Central: offline · %1 waiting</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>中心：在线 · 待上传 %1 条 · 同步于 %2</source>
        <translation>Central: online · %1 waiting · synced %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> · 隔离 %1 条</source>
        <translation> · %1 quarantined</translation>
    </message>
    <message>
        <location line="-88"/>
        <source>查看未被接受的修改</source>
        <extracomment>Shown once a round had a change of this counter refused: opens what was typed.</extracomment>
        <translation>Show changes not accepted</translation>
    </message>
</context>
<context>
    <name>TransferDialog</name>
    <message>
        <location filename="../../ui/calling_dialogs.py" line="-47"/>
        <source>转移</source>
        <translation>Transfer</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>（同一队列）</source>
        <translation>(same queue)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>留空则由队列中任一窗口叫号</source>
        <translation>Leave empty for any window of the queue</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>转到队列(&amp;Q)</source>
        <translation>To &amp;queue</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>指定窗口(&amp;W)</source>
        <translation>To &amp;window</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>请选择转到的队列或填写窗口。</source>
        <translation>Choose a queue or type a window to transfer to.</translation>
    </message>
</context>
<context>
    <name>WindowsDialog</name>
    <message>
        <location filename="../../ui/window_admin.py" line="+51"/>
        <source>窗口</source>
        <translation>Windows</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>编号</source>
        <extracomment>The window the form changes (None: a new one) and its version when it was chosen.</extracomment>
        <translation>Number</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+41"/>
        <source>大厅</source>
        <translation>Hall</translation>
    </message>
    <message>
        <location line="-40"/>
        <location line="+41"/>
        <source>楼层</source>
        <translation>Floor</translation>
    </message>
    <message>
        <location line="-40"/>
        <source>受理部门</source>
        <translation>Departments</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>终端</source>
        <translation>Terminal</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>如 A04</source>
        <translation>e.g. A04</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>留空则不固定终端</source>
        <translation>Empty: none fixed</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>本机</source>
        <translation>This terminal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>填入本终端的名称</source>
        <translation>Fill in this terminal&apos;s name</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>窗口编号(&amp;N)</source>
        <translation>Window &amp;number</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>窗口名称(&amp;M)</source>
        <translation>Window na&amp;me</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>受理部门（可多选，多选即综合窗口）</source>
        <translation>Departments accepted (several make a comprehensive window)</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>所在终端</source>
        <translation>Terminal at the window</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>新建窗口</source>
        <translation>New window</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>撤销此窗口</source>
        <translation>Close this window</translation>
    </message>
    <message>
        <location line="+129"/>
        <source>窗口 %1 已保存。</source>
        <translation>Window %1 saved.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>窗口 %1 已撤销。</source>
        <translation>Window %1 closed.</translation>
    </message>
</context>
<context>
    <name>labels</name>
    <message>
        <location filename="../../ui/labels.py" line="-40"/>
        <source>即办件</source>
        <translation>On-the-spot</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>承诺件</source>
        <translation>Promised</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>上报件</source>
        <translation>Sent up</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>联办件</source>
        <translation>Joint</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>应于 %2 前受理或一次性告知补正，逾期视为 %1 起受理</source>
        <translation>accept, or list everything missing, by %2; after that the case counts as accepted from %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 已告知补正，等待申请人补齐材料，补齐之日起受理</source>
        <translation>told on %1 what is missing; waiting for the applicant, accepted from the day it is complete</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1于 %2，不再计时</source>
        <translation>%1 on %2; no time limit runs</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>承诺 %1 个工作日，应于 %2 前办结</source>
        <translation>%1 working days committed, due by %2</translation>
    </message>
</context>
</TS>
