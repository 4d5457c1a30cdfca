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
        <source>About Gazette</source>
        <translation>关于县报档案</translation>
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
        <source>&amp;About Gazette</source>
        <translation>关于县报档案(&amp;A)</translation>
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
        <source>Bold: a date with an issue. Underlined: its issue lacks pages. Shaded: the paper usually appears on this weekday, but the archive has no issue.</source>
        <translation>粗体：有报纸的日期。下划线：该期缺版。底色：报纸通常在这一天出版，但档案库里没有这一期。</translation>
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
        <source>Open an archive folder</source>
        <translation>打开档案库文件夹</translation>
    </message>
    <message>
        <source>New archive: choose a name for its folder</source>
        <translation>新建档案库：为它的文件夹取个名字</translation>
    </message>
    <message>
        <source>Wait for the import to finish before opening another archive.</source>
        <translation>请等导入完成后再打开别的档案库。</translation>
    </message>
    <message>
        <source>Gazette — {archive}</source>
        <translation>县报档案 — {archive}</translation>
    </message>
    <message>
        <source>Browse</source>
        <translation>浏览</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
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
    <name>SearchController</name>
    <message>
        <source>The search index is being rebuilt; the results will follow.</source>
        <translation>正在重建搜索索引，稍后显示结果。</translation>
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
        <source>Gazette</source>
        <translation>县报档案</translation>
    </message>
    <message>
        <source>Something went wrong: {error}

The details are in the log: {log}</source>
        <translation>出错了：{error}

详情见日志：{log}</translation>
    </message>
</context>
</TS>
