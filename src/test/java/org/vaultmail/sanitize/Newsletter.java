package org.vaultmail.sanitize;

/**
 * A realistic marketing newsletter as mail tools produce it (table layout, inline styles, legacy
 * attributes, a {@code <style>} block, MSO conditionals, remote hero image, background and tracking pixel):
 * the positive fixture of the sanitiser tests and the input of its benchmark.
 */
public final class Newsletter {

    private Newsletter() {
    }

    /** The newsletter with {@code articles} article rows; about 1.3 KB per row. */
    public static String html(int articles) {
        StringBuilder b = new StringBuilder(2048 + articles * 1400);
        b.append("""
                <!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>Weekly digest</title>
                <style type="text/css">@media only screen and (max-width:600px){.wrap{width:100% !important}}
                body{margin:0;padding:0} a{color:#1a73e8}</style>
                <!--[if mso]><style>table{border-collapse:collapse}</style><![endif]-->
                </head>
                <body bgcolor="#f4f4f4" style="margin:0;padding:0">
                <div style="display:none;max-height:0;overflow:hidden">This week: three things you missed</div>
                <table class="wrap" width="600" cellpadding="0" cellspacing="0" border="0" align="center" bgcolor="#ffffff"
                       style="border-collapse:collapse;max-width:600px;width:100%;font-family:Arial, Helvetica, sans-serif">
                  <tr><td class="header" bgcolor="#1a73e8" style="padding:24px;text-align:center;color:#ffffff">
                    <img src="cid:logo@news.example.test" width="120" height="40" alt="News" border="0" style="display:block;margin:0 auto">
                    <h1 style="margin:0;font-family:'Helvetica Neue', Arial, sans-serif;font-size:28px;line-height:34px;font-weight:bold">Three things you missed</h1>
                  </td></tr>
                  <tr><td background="https://cdn.news.example.test/bg.png" style="padding:0">
                    <img src="https://cdn.news.example.test/hero.jpg" width="600" height="240" alt="Hero" style="display:block;width:100%;height:auto">
                  </td></tr>
                """);
        for (int i = 1; i <= articles; i++) {
            b.append("""
                      <tr><td style="padding:16px 24px;border-bottom:1px solid #e0e0e0">
                        <table width="100%%" cellpadding="0" cellspacing="0" border="0"><tr>
                          <td width="120" valign="top" style="padding-right:16px;vertical-align:top">
                            <img src="cid:thumb%1$d@news.example.test" width="120" height="80" alt="Article %1$d" style="border-radius:4px;display:block">
                          </td>
                          <td valign="top" style="font-size:15px;line-height:22px;color:#333333;text-align:left">
                            <h2 style="margin:0 0 8px 0;font-size:18px;color:#202124">Article %1$d: what changed this week</h2>
                            <p style="margin:0 0 12px 0">Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor
                            incididunt ut labore et dolore magna aliqua. <font color="#555555" face="Georgia, serif">Ut enim ad minim
                            veniam</font>, quis nostrud exercitation ullamco laboris <b>nisi ut aliquip</b> ex ea <i>commodo</i> consequat.</p>
                            <a href="https://news.example.test/article/%1$d" target="_blank"
                               style="display:inline-block;background-color:#1a73e8;color:#ffffff;padding:8px 16px;border-radius:4px;text-decoration:none;font-weight:bold">Read more</a>
                          </td>
                        </tr></table>
                      </td></tr>
                    """.formatted(i));
        }
        b.append("""
                  <tr><td style="padding:24px;background-image:url('https://cdn.news.example.test/footer.png');background-color:#fafafa;text-align:center;font-size:12px;color:#777777">
                    You receive this because you subscribed. <a href="https://news.example.test/unsubscribe?u=42" style="color:#777777">Unsubscribe</a>
                    &middot; <a href="mailto:help@news.example.test">Contact</a>
                  </td></tr>
                </table>
                <img src="https://track.news.example.test/open.gif?u=42" width="1" height="1" alt="" style="display:none">
                </body></html>
                """);
        return b.toString();
    }
}
