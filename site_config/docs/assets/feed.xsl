<?xml version="1.0" encoding="utf-8"?>
<!-- The case feed (cases/feed.xml) opened in a browser: a readable page instead of raw XML.
     Feed readers ignore this stylesheet and read the Atom as it is. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:atom="http://www.w3.org/2005/Atom">
  <xsl:output method="html" encoding="utf-8" indent="yes" doctype-system="about:legacy-compat"/>
  <xsl:template match="/atom:feed">
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:value-of select="atom:title"/>（订阅源）</title>
        <style>
          body { margin: 0 auto; max-width: 46rem; padding: 1rem; font: 16px/1.7 "Noto Sans CJK SC", "Noto Sans SC",
            "PingFang SC", "Microsoft YaHei", sans-serif; color: #1a1a1a; }
          h1 { font-size: 1.5rem; margin: 0.5rem 0; }
          .qd-feed-note { padding: 0.6rem 0.9rem; background: #fff6e5; border-left: 0.3rem solid #b3261e; }
          code { word-break: break-all; }
          a { color: #8c1d17; }
          article { border-top: 1px solid #ccc; padding: 0.6rem 0; }
          h2 { font-size: 1.1rem; margin: 0.3rem 0; }
          .qd-feed-date { color: #555; }
          p.qd-feed-summary { white-space: pre-line; }
        </style>
      </head>
      <body>
        <h1><xsl:value-of select="atom:title"/></h1>
        <p><xsl:value-of select="atom:subtitle"/></p>
        <p class="qd-feed-note">这是案例通报的订阅源（Atom）。把本页地址复制到订阅阅读器中，有新通报时会收到提醒。
          <a href="{atom:link[@rel='alternate']/@href}">在网站上查看全部案例通报</a></p>
        <xsl:for-each select="atom:entry">
          <article>
            <h2><a href="{atom:link[@rel='alternate']/@href}"><xsl:value-of select="atom:title"/></a></h2>
            <p class="qd-feed-date">发布：<xsl:value-of select="substring(atom:published, 1, 10)"/> · <xsl:value-of select="atom:author/atom:name"/></p>
            <p class="qd-feed-summary"><xsl:value-of select="atom:summary"/></p>
          </article>
        </xsl:for-each>
      </body>
    </html>
  </xsl:template>
</xsl:stylesheet>
