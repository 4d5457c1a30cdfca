<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>About</name>
    <message>
        <source>&lt;h3&gt;Gazette 县报档案&lt;/h3&gt;&lt;p&gt;An offline archive of county newspaper pages.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;县报档案 Gazette&lt;/h3&gt;&lt;p&gt;离线的县级报纸版面档案库。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Archive: {archive}&lt;br/&gt;Log: {log}&lt;/p&gt;</source>
        <translation>&lt;p&gt;档案库：{archive}&lt;br/&gt;日志：{log}&lt;/p&gt;</translation>
    </message>
    <message>
        <source>About</source>
        <translation>关于</translation>
    </message>
</context>
<context>
    <name>Actions</name>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;New Archive…</source>
        <translation>新建档案库(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Open Archive…</source>
        <translation>打开档案库(&amp;O)…</translation>
    </message>
    <message>
        <source>Recent &amp;Archives</source>
        <translation>最近的档案库(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Import Files…</source>
        <translation>导入文件(&amp;I)…</translation>
    </message>
    <message>
        <source>Import &amp;Folder…</source>
        <translation>导入文件夹(&amp;F)…</translation>
    </message>
    <message>
        <source>Read Pictures by &amp;OCR…</source>
        <translation>用 OCR 识别图片(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>导出(&amp;E)…</translation>
    </message>
    <message>
        <source>Export a Co&amp;llection…</source>
        <translation>导出集合(&amp;L)…</translation>
    </message>
    <message>
        <source>&amp;Check Archive…</source>
        <translation>检查档案(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Back Up Archive…</source>
        <translation>备份档案(&amp;B)…</translation>
    </message>
    <message>
        <source>&amp;Restore from Backup…</source>
        <translation>从备份恢复(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>复制(&amp;C)</translation>
    </message>
    <message>
        <source>Copy C&amp;itation</source>
        <translation>复制引文(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>查找(&amp;F)…</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <source>Fit &amp;Width</source>
        <translation>适合宽度(&amp;W)</translation>
    </message>
    <message>
        <source>Fit &amp;Page</source>
        <translation>适合页面(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Browse Panel</source>
        <translation>浏览面板(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Article Panel</source>
        <translation>文章面板(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>System Default</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>User &amp;Manual…</source>
        <translation>使用手册(&amp;M)…</translation>
    </message>
    <message>
        <source>&amp;Search Syntax…</source>
        <translation>搜索语法(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;About Gazette</source>
        <translation>关于县报档案(&amp;A)</translation>
    </message>
</context>
<context>
    <name>Annotating</name>
    <message>
        <source>Add note</source>
        <translation>添加笔记</translation>
    </message>
    <message>
        <source>Highlight “{quote}”</source>
        <translation>划线“{quote}”</translation>
    </message>
    <message>
        <source>Highlight with a comment</source>
        <translation>划线并加评语</translation>
    </message>
    <message>
        <source>Comment on “{quote}”:</source>
        <translation>对“{quote}”的评语：</translation>
    </message>
    <message>
        <source>Tag “{tags}”</source>
        <translation>加标签“{tags}”</translation>
    </message>
    <message>
        <source>Correct the text</source>
        <translation>更正文字</translation>
    </message>
    <message>
        <source>Add to a collection</source>
        <translation>加入集合</translation>
    </message>
    <message>
        <source>Collection (choose one, or type a new name):</source>
        <translation>集合（选一个，或输入新名字）：</translation>
    </message>
    <message>
        <source>Reorder “{collection}”</source>
        <translation>调整“{collection}”的顺序</translation>
    </message>
    <message>
        <source>Remove from “{collection}”</source>
        <translation>移出“{collection}”</translation>
    </message>
    <message>
        <source>Delete collection “{collection}”</source>
        <translation>删除集合“{collection}”</translation>
    </message>
    <message>
        <source>The article of this annotation is no longer in the archive.</source>
        <translation>这条批注的文章已不在档案库中。</translation>
    </message>
    <message>
        <source>This passage is no longer in the article&apos;s text; its words are shown below.</source>
        <translation>这段文字已不在文章中；原话显示在下方。</translation>
    </message>
    <message>
        <source>Delete note</source>
        <translation>删除笔记</translation>
    </message>
    <message>
        <source>Delete highlight</source>
        <translation>删除划线</translation>
    </message>
    <message>
        <source>Remove tag “{tag}”</source>
        <translation>去掉标签“{tag}”</translation>
    </message>
    <message>
        <source>Edit note</source>
        <translation>修改笔记</translation>
    </message>
    <message>
        <source>Restore a revision</source>
        <translation>恢复一个版本</translation>
    </message>
    <message>
        <source>Add to “{collection}”</source>
        <translation>加入“{collection}”</translation>
    </message>
    <message>
        <source>Select a passage of the article&apos;s text first.</source>
        <translation>请先在文章正文中选中一段文字。</translation>
    </message>
    <message>
        <source>&amp;Annotate</source>
        <translation>批注(&amp;A)</translation>
    </message>
    <message>
        <source>Add &amp;Note…</source>
        <translation>添加笔记(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Highlight</source>
        <translation>划线(&amp;H)</translation>
    </message>
    <message>
        <source>Highlight the selected passage</source>
        <translation>给选中的文字划线</translation>
    </message>
    <message>
        <source>Highlight with a &amp;Comment…</source>
        <translation>划线并加评语(&amp;C)…</translation>
    </message>
    <message>
        <source>Highlight &amp;Colour</source>
        <translation>划线颜色(&amp;C)</translation>
    </message>
    <message>
        <source>Yellow</source>
        <translation>黄色</translation>
    </message>
    <message>
        <source>Green</source>
        <translation>绿色</translation>
    </message>
    <message>
        <source>Blue</source>
        <translation>蓝色</translation>
    </message>
    <message>
        <source>Pink</source>
        <translation>粉色</translation>
    </message>
    <message>
        <source>Orange</source>
        <translation>橙色</translation>
    </message>
    <message>
        <source>Add &amp;Tag</source>
        <translation>添加标签(&amp;T)</translation>
    </message>
    <message>
        <source>C&amp;orrect the Text…</source>
        <translation>更正文字(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;History of the Text…</source>
        <translation>文字的修改历史(&amp;H)…</translation>
    </message>
    <message>
        <source>Add to Co&amp;llection…</source>
        <translation>加入集合(&amp;L)…</translation>
    </message>
    <message>
        <source>C&amp;ollections</source>
        <translation>集合(&amp;O)</translation>
    </message>
    <message>
        <source>All &amp;Annotations</source>
        <translation>全部批注(&amp;A)</translation>
    </message>
    <message>
        <source>Your &amp;Name…</source>
        <translation>你的名字(&amp;N)…</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>笔记</translation>
    </message>
    <message>
        <source>Highlight</source>
        <translation>划线</translation>
    </message>
    <message>
        <source>Correct</source>
        <translation>更正</translation>
    </message>
    <message>
        <source>History</source>
        <translation>历史</translation>
    </message>
    <message>
        <source>Collect</source>
        <translation>加入集合</translation>
    </message>
</context>
<context>
    <name>AnnotationView</name>
    <message>
        <source>Add a tag (Enter; commas between several)…</source>
        <translation>添加标签（回车确认；多个用逗号隔开）…</translation>
    </message>
</context>
<context>
    <name>AnnotationsModel</name>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Article</source>
        <translation>文章</translation>
    </message>
    <message>
        <source>Editor</source>
        <translation>编辑</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>笔记</translation>
    </message>
    <message>
        <source>Not found in the article&apos;s current text</source>
        <translation>在文章现在的正文中已找不到</translation>
    </message>
    <message>
        <source>Highlight</source>
        <translation>划线</translation>
    </message>
</context>
<context>
    <name>AnnotationsPanel</name>
    <message>
        <source>All editors</source>
        <translation>所有编辑</translation>
    </message>
    <message>
        <source>All tags</source>
        <translation>所有标签</translation>
    </message>
    <message>
        <source>Notes and highlights: {count}</source>
        <translation>笔记和划线：{count} 条</translation>
    </message>
    <message>
        <source>Editor:</source>
        <translation>编辑：</translation>
    </message>
    <message>
        <source>Tag:</source>
        <translation>标签：</translation>
    </message>
    <message>
        <source>Date:</source>
        <translation>日期：</translation>
    </message>
    <message>
        <source>any</source>
        <translation>不限</translation>
    </message>
</context>
<context>
    <name>ArchiveChoice</name>
    <message>
        <source>Create a new archive in {folder}?</source>
        <translation>在 {folder} 新建档案库？</translation>
    </message>
    <message>
        <source>Folder in use</source>
        <translation>文件夹已有内容</translation>
    </message>
    <message>
        <source>Import these pages?</source>
        <translation>导入这些版面？</translation>
    </message>
    <message>
        <source>New archive</source>
        <translation>新建档案库</translation>
    </message>
    <message>
        <source>New archive: choose a name for its folder</source>
        <translation>新建档案库：为它的文件夹取个名字</translation>
    </message>
    <message>
        <source>Not an archive</source>
        <translation>不是档案库</translation>
    </message>
    <message>
        <source>Open an archive folder</source>
        <translation>打开档案库文件夹</translation>
    </message>
    <message>
        <source>{folder} already holds other files. Choose a new or empty folder for the archive.</source>
        <translation>{folder} 里已有其他文件。请为档案库选择一个新的或空的文件夹。</translation>
    </message>
    <message>
        <source>{folder} is not a Gazette archive (it has no archive.sqlite), so it was not opened.
To start an archive there, use File ▸ New Archive….</source>
        <translation>{folder} 不是县报档案库（其中没有 archive.sqlite），因此没有打开。
要在那里建立档案库，请用“文件 ▸ 新建档案库…”。</translation>
    </message>
    <message>
        <source>{folder} is not a Gazette archive, but it holds page files (such as {example}).
Import them into the archive that is open ({archive})?</source>
        <translation>{folder} 不是县报档案库，但其中有版面文件（如 {example}）。
要把它们导入当前打开的档案库（{archive}）吗？</translation>
    </message>
</context>
<context>
    <name>ArticleAnnotations</name>
    <message>
        <source>Tags:</source>
        <translation>标签：</translation>
    </message>
    <message>
        <source>{count}, the last by {author} on {time}</source>
        <translation>{count} 次，最近一次由 {author} 于 {time} 更正</translation>
    </message>
    <message>
        <source>History…</source>
        <translation>修改历史…</translation>
    </message>
    <message>
        <source>Corrections:</source>
        <translation>更正：</translation>
    </message>
    <message>
        <source>In collections:</source>
        <translation>所在集合：</translation>
    </message>
    <message>
        <source>No notes yet. Select a passage to highlight it, or add a note, a tag or a correction from the Annotate menu.</source>
        <translation>还没有批注。选中一段文字可以划线；也可以从“批注”菜单添加笔记、标签或更正。</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>修改</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Not found in the current text:</source>
        <translation>在现在的正文中已找不到：</translation>
    </message>
    <message>
        <source>Go to</source>
        <translation>转到</translation>
    </message>
</context>
<context>
    <name>ArticlePane</name>
    <message>
        <source>Choose an article to read it here.</source>
        <translation>选一篇文章，在这里阅读。</translation>
    </message>
    <message>
        <source>Article</source>
        <translation>文章</translation>
    </message>
    <message>
        <source>Copy citation</source>
        <translation>复制引文</translation>
    </message>
    <message>
        <source>Copy the GB/T 7714 reference of this article</source>
        <translation>复制本文的 GB/T 7714 参考文献著录</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Export this article as text, Markdown, JSON, CSV or Word</source>
        <translation>把这篇文章导出为纯文本、Markdown、JSON、CSV 或 Word</translation>
    </message>
</context>
<context>
    <name>ArticleView</name>
    <message>
        <source>(untitled)</source>
        <translation>（无题）</translation>
    </message>
    <message>
        <source>Page editors:</source>
        <translation>本版编辑：</translation>
    </message>
    <message>
        <source>page {page}</source>
        <translation>第{page}版</translation>
    </message>
    <message>
        <source>Text read by OCR ({engine}, {confidence:.0%} sure on average)</source>
        <translation>文字由 OCR 识别（{engine}，平均置信度 {confidence:.0%}）</translation>
    </message>
    <message>
        <source>Text read by OCR ({engine})</source>
        <translation>文字由 OCR 识别（{engine}）</translation>
    </message>
    <message>
        <source>; {count} unsure passage(s) underlined in red</source>
        <translation>；{count} 处存疑文字以红色下划线标出</translation>
    </message>
</context>
<context>
    <name>BrowseModel</name>
    <message>
        <source>{year}</source>
        <translation>{year}年</translation>
    </message>
    <message>
        <source>d ddd</source>
        <comment>an issue in the tree: day of month, weekday</comment>
        <translation>d日 ddd</translation>
    </message>
    <message numerus="yes">
        <source>%n page(s)</source>
        <translation>
            <numerusform>%n 个版面</numerusform>
        </translation>
    </message>
    <message>
        <source>Missing pages: {pages}</source>
        <translation>缺版：{pages}</translation>
    </message>
    <message numerus="yes">
        <source>%n issue(s)</source>
        <translation>
            <numerusform>%n 期</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BrowsePanel</name>
    <message>
        <source>Pages</source>
        <translation>版面</translation>
    </message>
    <message>
        <source>Pages of {date}</source>
        <translation>{date} 的版面</translation>
    </message>
</context>
<context>
    <name>CollectionModel</name>
    <message>
        <source>(untitled)</source>
        <translation>（无题）</translation>
    </message>
    <message>
        <source>{row}. {title}
{date} · page {page}</source>
        <translation>{row}. {title}
{date} · 第{page}版</translation>
    </message>
</context>
<context>
    <name>CollectionsPanel</name>
    <message>
        <source>{name} ({count})</source>
        <translation>{name}（{count} 篇）</translation>
    </message>
    <message>
        <source>Delete Collection</source>
        <translation>删除集合</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移出</translation>
    </message>
    <message>
        <source>Move the selected articles up</source>
        <translation>把选中的文章上移</translation>
    </message>
    <message>
        <source>Move the selected articles down</source>
        <translation>把选中的文章下移</translation>
    </message>
    <message>
        <source>Take the selected articles out of the collection</source>
        <translation>把选中的文章移出集合</translation>
    </message>
    <message>
        <source>No collections yet. Open an article and choose Annotate → Add to Collection (Ctrl+D).</source>
        <translation>还没有集合。打开一篇文章，选择“批注 → 加入集合”（Ctrl+D）。</translation>
    </message>
</context>
<context>
    <name>CorrectionDialog</name>
    <message>
        <source>Correct the text</source>
        <translation>更正文字</translation>
    </message>
    <message>
        <source>A line break splits the paragraph in two; an empty text removes it. The text as it was is kept in the history.</source>
        <translation>换行会把段落一分为二；清空则删除该段。原来的文字保留在修改历史中。</translation>
    </message>
    <message>
        <source>Kicker:</source>
        <translation>引题：</translation>
    </message>
    <message>
        <source>Title:</source>
        <translation>标题：</translation>
    </message>
    <message>
        <source>Subtitle:</source>
        <translation>副题：</translation>
    </message>
    <message>
        <source>Paragraph:</source>
        <translation>段落：</translation>
    </message>
</context>
<context>
    <name>Corrections</name>
    <message>
        <source>The imported reading</source>
        <translation>导入时的文字</translation>
    </message>
    <message>
        <source>Restored the imported reading</source>
        <translation>恢复为导入时的文字</translation>
    </message>
    <message>
        <source>Restored revision {number}</source>
        <translation>恢复为版本 {number}</translation>
    </message>
    <message>
        <source>title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>subtitle</source>
        <translation>副题</translation>
    </message>
    <message>
        <source>kicker</source>
        <translation>引题</translation>
    </message>
    <message>
        <source>paragraph {number}</source>
        <translation>第 {number} 段</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>Corrected {what}</source>
        <translation>更正了{what}</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export Articles</source>
        <translation>导出文章</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>纯文本</translation>
    </message>
    <message>
        <source>CSV for spreadsheets</source>
        <translation>CSV（电子表格）</translation>
    </message>
    <message>
        <source>GB18030 (for older Chinese Windows programs)</source>
        <translation>GB18030（供较旧的中文 Windows 程序使用）</translation>
    </message>
    <message>
        <source>Windows line ends (CRLF)</source>
        <translation>Windows 换行符（CRLF）</translation>
    </message>
    <message>
        <source>One file per article, named by date, page and title</source>
        <translation>每篇文章一个文件，按日期、版次和标题命名</translation>
    </message>
    <message>
        <source>With annotations (notes, highlights, tags, corrections)</source>
        <translation>包括批注（笔记、划线、标签、更正）</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Export:</source>
        <translation>导出内容：</translation>
    </message>
    <message>
        <source>Format:</source>
        <translation>格式：</translation>
    </message>
    <message>
        <source>Encoding:</source>
        <translation>编码：</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Export into a folder</source>
        <translation>导出到文件夹</translation>
    </message>
    <message>
        <source>Export to a file</source>
        <translation>导出到文件</translation>
    </message>
    <message>
        <source>{name} already exists. Replace it?</source>
        <translation>{name} 已存在。要替换它吗？</translation>
    </message>
    <message>
        <source>Into folder:</source>
        <translation>存入文件夹：</translation>
    </message>
    <message>
        <source>Save as:</source>
        <translation>保存为：</translation>
    </message>
</context>
<context>
    <name>ExportFlow</name>
    <message>
        <source>Export This Issue…</source>
        <translation>导出本期…</translation>
    </message>
    <message>
        <source>Export This Article…</source>
        <translation>导出这篇文章…</translation>
    </message>
    <message>
        <source>Export This Page…</source>
        <translation>导出本版…</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>There is nothing to export yet.</source>
        <translation>还没有可以导出的内容。</translation>
    </message>
    <message>
        <source>There are no collections yet: add articles to one first.</source>
        <translation>还没有集合：请先把文章加入一个集合。</translation>
    </message>
    <message numerus="yes">
        <source>The selected search results (%n article(s))</source>
        <translation>
            <numerusform>选中的搜索结果（%n 篇）</numerusform>
        </translation>
    </message>
    <message>
        <source>search results</source>
        <translation>搜索结果</translation>
    </message>
    <message numerus="yes">
        <source>All %n result(s) of this search</source>
        <translation>
            <numerusform>这次搜索的全部 %n 条结果</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Collection “{name}” (%n article(s))</source>
        <translation>
            <numerusform>集合“{name}”（%n 篇）</numerusform>
        </translation>
    </message>
    <message>
        <source>(untitled)</source>
        <translation>（无题）</translation>
    </message>
    <message>
        <source>The article “{title}”</source>
        <translation>文章“{title}”</translation>
    </message>
    <message numerus="yes">
        <source>Page {page} of {date} (%n article(s))</source>
        <translation>
            <numerusform>{date} 第 {page} 版（%n 篇）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The whole issue of {date} (%n article(s))</source>
        <translation>
            <numerusform>{date} 整期（%n 篇）</numerusform>
        </translation>
    </message>
    <message>
        <source>An export is already running; wait for it to finish.</source>
        <translation>已有一个导出正在进行，请等它完成。</translation>
    </message>
    <message>
        <source>Preparing the export…</source>
        <translation>正在准备导出…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Exporting</source>
        <translation>正在导出</translation>
    </message>
    <message>
        <source>Cancelling the export…</source>
        <translation>正在取消导出…</translation>
    </message>
    <message>
        <source>Exporting “{title}” ({done} of {total})</source>
        <translation>正在导出“{title}”（第 {done} 篇，共 {total} 篇）</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n article(s), one file each, into {folder}</source>
        <translation>
            <numerusform>已导出 %n 篇文章到 {folder}，每篇一个文件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %n article(s) to {file}</source>
        <translation>
            <numerusform>已导出 %n 篇文章到 {file}</numerusform>
        </translation>
    </message>
    <message>
        <source>Open Folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <source>No program here opens folders; the folder&apos;s path is copied: {folder}</source>
        <translation>这里没有能打开文件夹的程序；文件夹的路径已复制：{folder}</translation>
    </message>
    <message>
        <source>Export cancelled: nothing was written.</source>
        <translation>导出已取消：没有写入任何文件。</translation>
    </message>
    <message>
        <source>Export Selected Results…</source>
        <translation>导出选中的结果…</translation>
    </message>
</context>
<context>
    <name>FacetsModel</name>
    <message>
        <source>Year</source>
        <translation>年份</translation>
    </message>
    <message>
        <source>Section</source>
        <translation>版名</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>人物</translation>
    </message>
    <message>
        <source>Narrow to</source>
        <translation>筛选</translation>
    </message>
    <message>
        <source>Articles</source>
        <translation>篇数</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <source>History of the text</source>
        <translation>文字的修改历史</translation>
    </message>
    <message>
        <source>(current)</source>
        <translation>（当前）</translation>
    </message>
    <message>
        <source>Restore This Revision</source>
        <translation>恢复这个版本</translation>
    </message>
</context>
<context>
    <name>ImportFlow</name>
    <message>
        <source>Import page files</source>
        <translation>导入版面文件</translation>
    </message>
    <message>
        <source>Page files ({patterns});;All files (*)</source>
        <translation>版面文件 ({patterns});;所有文件 (*)</translation>
    </message>
    <message>
        <source>Import a folder of pages</source>
        <translation>导入版面文件夹</translation>
    </message>
    <message>
        <source>Importing</source>
        <translation>正在导入</translation>
    </message>
    <message>
        <source>An import is already running; wait for it to finish.</source>
        <translation>已有导入在进行，请等它完成。</translation>
    </message>
    <message>
        <source>Preparing the import…</source>
        <translation>正在准备导入…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Cancelling after the file being imported…</source>
        <translation>当前文件导入完后取消…</translation>
    </message>
    <message>
        <source>Importing {name} ({done} of {total})</source>
        <translation>正在导入 {name}（第 {done} 个，共 {total} 个）</translation>
    </message>
    <message>
        <source>Import cancelled: the files imported before it stopped are kept.</source>
        <translation>导入已取消：取消前已导入的文件都已保留。</translation>
    </message>
</context>
<context>
    <name>ImportOptionsDialog</name>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>{count} file(s) or folder(s): {names}</source>
        <translation>{count} 个文件或文件夹：{names}</translation>
    </message>
    <message>
        <source>As the pages say (masthead, METS)</source>
        <translation>按版面所载（报头、METS）</translation>
    </message>
    <message>
        <source>The newspaper&apos;s name, for pages that do not print it. Type a new name or choose one already in the archive.</source>
        <translation>报纸名称，用于版面上没有印出报名的文件。可输入新名称，或选择档案中已有的报纸。</translation>
    </message>
    <message>
        <source>Date for pages that carry none:</source>
        <translation>版面无日期时使用：</translation>
    </message>
    <message>
        <source>Use this date even where the masthead says another</source>
        <translation>即使报头写的是别的日期，也用这个日期</translation>
    </message>
    <message>
        <source>Page number for pages that carry none:</source>
        <translation>版面无版次时使用：</translation>
    </message>
    <message>
        <source>Detect</source>
        <translation>自动识别</translation>
    </message>
    <message>
        <source>Replace pages already in the archive (annotations stay)</source>
        <translation>替换档案中已有的版面（批注保留）</translation>
    </message>
    <message>
        <source>Newspaper:</source>
        <translation>报纸：</translation>
    </message>
    <message>
        <source>Text encoding:</source>
        <translation>文本编码：</translation>
    </message>
    <message>
        <source>Scans and ALTO pages carry no date or page of their own unless their file names do (e.g. 2025-04-03_08.jpg).</source>
        <translation>扫描图和 ALTO 版面本身不带日期和版次，除非文件名中有（如 2025-04-03_08.jpg）。</translation>
    </message>
    <message>
        <source>The file name says {date}. If the masthead says another date, which is right? Tick “Use this date even where the masthead says another” for the date above; leave it unticked for the masthead&apos;s.</source>
        <translation>文件名写的是 {date}。如果报头写的是另一个日期，哪个对？要用上面的日期，请勾选“即使报头写的是别的日期，也用这个日期”；要用报头的日期，就不勾。</translation>
    </message>
    <message>
        <source>The newspaper&apos;s name</source>
        <translation>报纸名称</translation>
    </message>
</context>
<context>
    <name>ImportReportDialog</name>
    <message>
        <source>Import report</source>
        <translation>导入报告</translation>
    </message>
    <message>
        <source>{imported} imported, {skipped} skipped, {failed} failed</source>
        <translation>导入 {imported} 个，跳过 {skipped} 个，失败 {failed} 个</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>imported</source>
        <translation>已导入</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>已跳过</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>Import the refused files again…</source>
        <translation>重新导入未导入的文件…</translation>
    </message>
    <message>
        <source>Opens the import dialog to give what they lack</source>
        <translation>打开导入对话框，补上它们缺少的信息</translation>
    </message>
    <message>
        <source>warning: {text}</source>
        <translation>警告：{text}</translation>
    </message>
</context>
<context>
    <name>IndexKeeper</name>
    <message>
        <source>Rebuilding the search index… %p%</source>
        <translation>正在重建搜索索引… %p%</translation>
    </message>
    <message numerus="yes">
        <source>Search index rebuilt: %n article(s)</source>
        <translation>
            <numerusform>搜索索引已重建：%n 篇文章</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>IssueCalendar</name>
    <message>
        <source>MMMM d, yyyy</source>
        <translation>yyyy年M月d日</translation>
    </message>
    <message>
        <source>No issue of {paper} on {date} in the archive, though it usually appears on this weekday.</source>
        <translation>{date} 没有《{paper}》的报纸，虽然该报通常在这一天出版。</translation>
    </message>
    <message>
        <source>No issue of {paper} on {date} in the archive.</source>
        <translation>{date} 没有《{paper}》的报纸。</translation>
    </message>
    <message>
        <source>The archive has no issues yet: import pages with File → Import Files… or Import Folder….</source>
        <translation>档案库里还没有报纸：请用“文件 → 导入文件…”或“导入文件夹…”导入版面。</translation>
    </message>
    <message>
        <source>Bold: a date with an issue. Underlined: its issue lacks pages. Shaded: the paper usually appears on this weekday, but the archive has no issue.</source>
        <translation>粗体：有报纸的日期。下划线：该期缺版。底色：报纸通常在这一天出版，但档案库里没有这一期。</translation>
    </message>
    <message>
        <source>{issue} an issue · {incomplete} pages missing · {missing} no issue on a day the paper usually appears</source>
        <translation>{issue} 有报纸 · {incomplete} 缺版 · {missing} 通常出版的日子却没有报纸</translation>
    </message>
</context>
<context>
    <name>IssuePagesModel</name>
    <message>
        <source>(untitled)</source>
        <translation>（无题）</translation>
    </message>
    <message>
        <source>Page {label}</source>
        <translation>第{label}版</translation>
    </message>
    <message numerus="yes">
        <source>%n article(s)</source>
        <translation>
            <numerusform>%n 篇文章</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Citation copied: {text}</source>
        <translation>已复制引文：{text}</translation>
    </message>
    <message>
        <source>Wait for the import to finish before opening another archive.</source>
        <translation>请等导入完成后再打开别的档案库。</translation>
    </message>
    <message>
        <source>Browse</source>
        <translation>浏览</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>Collections</source>
        <translation>集合</translation>
    </message>
    <message>
        <source>Annotations</source>
        <translation>批注</translation>
    </message>
</context>
<context>
    <name>MaintenanceFlow</name>
    <message>
        <source>The archive is sound: the database, every picture and the search index check out.</source>
        <translation>档案完好：数据库、每张图片和搜索索引都检查无误。</translation>
    </message>
    <message>
        <source>The check found {count} problem(s):</source>
        <translation>检查发现 {count} 个问题：</translation>
    </message>
    <message>
        <source>Check Archive</source>
        <translation>检查档案</translation>
    </message>
    <message>
        <source>note: </source>
        <translation>备注：</translation>
    </message>
    <message>
        <source>Back up the archive: name a new folder</source>
        <translation>备份档案：为新文件夹命名</translation>
    </message>
    <message>
        <source>Back Up Archive</source>
        <translation>备份档案</translation>
    </message>
    <message>
        <source>Backed up to {folder}.</source>
        <translation>已备份到 {folder}。</translation>
    </message>
    <message>
        <source>Restore: choose the backup folder</source>
        <translation>恢复：选择备份文件夹</translation>
    </message>
    <message>
        <source>Restore: name a new folder for the archive</source>
        <translation>恢复：为档案的新文件夹命名</translation>
    </message>
</context>
<context>
    <name>ManualDialog</name>
    <message>
        <source>User Manual</source>
        <translation>使用手册</translation>
    </message>
</context>
<context>
    <name>NameDialog</name>
    <message>
        <source>Your name</source>
        <translation>你的名字</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>必填</translation>
    </message>
    <message>
        <source>Notes, highlights, tags and corrections record who made them.
Your name:</source>
        <translation>笔记、划线、标签和更正都会记下是谁做的。
你的名字：</translation>
    </message>
</context>
<context>
    <name>NoteDialog</name>
    <message>
        <source>Note</source>
        <translation>笔记</translation>
    </message>
    <message>
        <source>Edit note</source>
        <translation>修改笔记</translation>
    </message>
    <message>
        <source>Bold</source>
        <translation>粗体</translation>
    </message>
    <message>
        <source>Italic</source>
        <translation>斜体</translation>
    </message>
    <message>
        <source>Underline</source>
        <translation>下划线</translation>
    </message>
    <message>
        <source>List</source>
        <translation>列表</translation>
    </message>
    <message>
        <source>Your note on this article</source>
        <translation>写下你对这篇文章的笔记</translation>
    </message>
</context>
<context>
    <name>OcrFlow</name>
    <message>
        <source>Read Pictures by OCR</source>
        <translation>用 OCR 识别图片</translation>
    </message>
    <message>
        <source>{count} page(s) of this archive are pictures without text.</source>
        <translation>本档案中有 {count} 个版面只有图片、没有文字。</translation>
    </message>
    <message>
        <source>Read those {count} page(s)</source>
        <translation>识别这 {count} 个版面</translation>
    </message>
    <message>
        <source>Read the page shown again</source>
        <translation>重新识别当前版面</translation>
    </message>
    <message>
        <source>No page is a picture without text, and no page is shown.</source>
        <translation>没有只有图片而无文字的版面，也没有打开的版面。</translation>
    </message>
    <message>
        <source>OCR is already running; wait for it to finish.</source>
        <translation>OCR 识别正在进行，请等它完成。</translation>
    </message>
    <message>
        <source>Reading pictures by OCR</source>
        <translation>正在用 OCR 识别图片</translation>
    </message>
    <message>
        <source>Starting OCR…</source>
        <translation>正在开始 OCR 识别…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Cancelling after the page being read…</source>
        <translation>识别完当前版面后取消…</translation>
    </message>
    <message>
        <source>Reading page {done} of {total} by OCR…</source>
        <translation>正在识别第 {done} 个版面（共 {total} 个）…</translation>
    </message>
    <message>
        <source>OCR cancelled: the pages read before it stopped are kept.</source>
        <translation>OCR 识别已取消：取消前识别的版面已保留。</translation>
    </message>
    <message>
        <source>{pages} page(s) read: {articles} article(s).</source>
        <translation>已识别 {pages} 个版面：{articles} 篇文章。</translation>
    </message>
    <message>
        <source>{count} page(s) could not be read.</source>
        <translation>{count} 个版面无法识别。</translation>
    </message>
</context>
<context>
    <name>PageView</name>
    <message>
        <source>No scan of this page: its text is shown as extracted.</source>
        <translation>本版没有扫描图像：下面是提取出的文字。</translation>
    </message>
    <message>
        <source>Page {label}</source>
        <translation>第{label}版</translation>
    </message>
</context>
<context>
    <name>SearchHelpDialog</name>
    <message>
        <source>Articles whose text contains these characters, anywhere (also inside a longer word).</source>
        <translation>正文含有这几个字的文章，在哪里都算（也包括在更长的词里）。</translation>
    </message>
    <message>
        <source>Both: terms separated by spaces must all be there.</source>
        <translation>同时含有：用空格隔开的词都要有。</translation>
    </message>
    <message>
        <source>Either of them.</source>
        <translation>含有其中任意一个。</translation>
    </message>
    <message>
        <source>The first without the second.</source>
        <translation>含有前者而不含后者。</translation>
    </message>
    <message>
        <source>Quoted text is one term (straight quotes; spaces in it are ignored, as in printed Chinese).</source>
        <translation>引号里的文字算一个词（用英文直引号；其中的空格不计，和印刷的中文一样）。</translation>
    </message>
    <message>
        <source>Parentheses group terms.</source>
        <translation>用括号把词组合起来。</translation>
    </message>
    <message>
        <source>In the title only (a half- or full-width colon).</source>
        <translation>只在标题里找（半角或全角冒号都可以）。</translation>
    </message>
    <message>
        <source>The section&apos;s or the newspaper&apos;s name contains it.</source>
        <translation>版面名或报纸名含有它。</translation>
    </message>
    <message>
        <source>On that page, or a range of pages.</source>
        <translation>在这一版，或一个版次范围内。</translation>
    </message>
    <message>
        <source>In that year, month or day.</source>
        <translation>在这一年、这个月或这一天。</translation>
    </message>
    <message>
        <source>Between two dates, both included; * leaves an end open.</source>
        <translation>在两个日期之间（含两端）；* 表示不限。</translation>
    </message>
    <message>
        <source>Written by someone whose name contains it (文, 记者, 通讯员 …).</source>
        <translation>作者名字含有它（文、记者、通讯员……）。</translation>
    </message>
    <message>
        <source>Photographed by (图, 摄影 …).</source>
        <translation>摄影者（图、摄影……）。</translation>
    </message>
    <message>
        <source>Edited by, in any page role (责编, 组版, 校对 …).</source>
        <translation>编辑，任何版面职务都算（责编、组版、校对……）。</translation>
    </message>
    <message>
        <source>Anyone credited, in any role.</source>
        <translation>署名的任何人，不论职务。</translation>
    </message>
    <message>
        <source>A role by its own word.</source>
        <translation>直接用职务名称。</translation>
    </message>
    <message>
        <source>Editors&apos; notes, highlight comments or highlighted passages contain it.</source>
        <translation>编辑的笔记、划线批注或划线的文字含有它。</translation>
    </message>
    <message>
        <source>Tagged exactly so.</source>
        <translation>标签正好是它。</translation>
    </message>
    <message>
        <source>In the collection of that name.</source>
        <translation>在这个名字的集合里。</translation>
    </message>
    <message>
        <source>Noted, highlighted, tagged or corrected by someone whose name contains it.</source>
        <translation>由名字含有它的人做过笔记、划线、标签或更正。</translation>
    </message>
    <message>
        <source>With any note or highlight.</source>
        <translation>有笔记或划线。</translation>
    </message>
    <message>
        <source>Search Syntax</source>
        <translation>搜索语法</translation>
    </message>
    <message>
        <source>Search finds every article whose text holds what you type, with any filters set in the search panel. Click an example to search for it.</source>
        <translation>搜索会找出正文含有所输入文字的每篇文章，并按搜索面板里设的筛选条件缩小范围。点击示例即可搜索它。</translation>
    </message>
    <message>
        <source>Filters (dates, section, person) and the facets narrow any of these searches.</source>
        <translation>筛选条件（日期、版面、人物）和分类统计都能进一步缩小这些搜索。</translation>
    </message>
</context>
<context>
    <name>SearchPanel</name>
    <message>
        <source>Type to search every article; filters narrow the search.</source>
        <translation>输入文字即可搜索全部文章；筛选条件可缩小范围。</translation>
    </message>
    <message numerus="yes">
        <source>%n article(s) found</source>
        <translation>
            <numerusform>找到 %n 篇文章</numerusform>
        </translation>
    </message>
    <message>
        <source>Search the archive (Ctrl+F)  e.g. 交城  “民生提质”  author:冀美丽</source>
        <translation>搜索档案库（Ctrl+F）  例如：交城  “民生提质”  author:冀美丽</translation>
    </message>
    <message>
        <source>Dates</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Section</source>
        <translation>版名</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>人物</translation>
    </message>
    <message>
        <source>Sort by</source>
        <translation>排序</translation>
    </message>
    <message>
        <source>Relevance</source>
        <translation>相关度</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Any section</source>
        <translation>所有版面</translation>
    </message>
    <message>
        <source>Anyone</source>
        <translation>任何人</translation>
    </message>
    <message>
        <source>any</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>清除筛选</translation>
    </message>
</context>
<context>
    <name>SearchResults</name>
    <message>
        <source>(untitled)</source>
        <translation>（无题）</translation>
    </message>
    <message>
        <source>page {page}</source>
        <translation>第{page}版</translation>
    </message>
</context>
<context>
    <name>SearchResultsModel</name>
    <message>
        <source>(untitled)</source>
        <translation>（无题）</translation>
    </message>
</context>
<context>
    <name>UndoHistory</name>
    <message>
        <source>&amp;Undo {action}</source>
        <translation>撤销{action}(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo {action}</source>
        <translation>重做{action}(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
</context>
<context>
    <name>Welcome</name>
    <message>
        <source>&lt;h2&gt;This archive is empty&lt;/h2&gt;&lt;p&gt;Load the sample to see how Gazette works: page 8 of a county paper of 3 April 2025, with its article, byline and editors.&lt;/p&gt;&lt;p&gt;Or import your own pages: files and folders, from the File menu or dropped on this window.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;档案库还是空的&lt;/h2&gt;&lt;p&gt;载入示例，看看县报档案怎么用：一份县报 2025 年 4 月 3 日的第 8 版，有文章、署名和编辑。&lt;/p&gt;&lt;p&gt;也可以导入自己的版面：从“文件”菜单选择文件或文件夹，或直接拖到本窗口。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Load the sample page</source>
        <translation>载入示例版面</translation>
    </message>
    <message>
        <source>Import page files…</source>
        <translation>导入版面文件…</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>Could not be done</source>
        <translation>无法完成</translation>
    </message>
    <message>
        <source>Unexpected error</source>
        <translation>意外错误</translation>
    </message>
    <message>
        <source>Something went wrong: {error}

The details are in the log: {log}</source>
        <translation>出错了：{error}

详情见日志：{log}</translation>
    </message>
</context>
</TS>
