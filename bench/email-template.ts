/**
 * A realistic ~30 KB Yespo-style email for benchmarks: table layout, inline CSS, wrapped
 * directives, a 50-item product loop with conditions, arithmetic and $foreach, and a payload.
 * It uses only syntax both velvet and velocityjs render, so both do the same work.
 */
const css = 'font-family:Arial,Helvetica,sans-serif;font-size:14px;line-height:20px;color:#333333;';

const block = (i: number) => `
<tr>
  <td style="padding:16px 24px;${css}" class="section-${i}">
    <h2 style="margin:0 0 8px 0;font-size:18px;line-height:24px;color:#1a1a1a;">Section ${i}: picked for you, $!firstName</h2>
    <p style="margin:0;${css}">Free delivery on orders over 50 EUR. Returns within 30 days. Questions? Reply to this email or call +49 30 1234567 any day from 8:00 to 20:00.</p>
  </td>
</tr>`;

export const TEMPLATE = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>$!subject</title>
<style>
  body { margin:0; padding:0; background:#f4f4f4; }
  .btn { background:#0a7cff; color:#ffffff; }
  @media (max-width: 600px) { .col { width:100% !important; } }
</style>
</head>
<body style="margin:0;padding:0;background:#f4f4f4;">
<div style="display:none;max-height:0;overflow:hidden;">$!preheader</div>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:#f4f4f4;">
<tr><td align="center">
<table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0" style="background:#ffffff;width:600px;">
<tr>
  <td style="padding:24px;${css}">
    <img src="https://cdn.example.com/logo.png" width="140" alt="Northwind Outfitters" style="display:block;border:0;">
  </td>
</tr>
<tr>
  <td style="padding:0 24px 16px 24px;${css}">
    <h1 style="margin:0;font-size:24px;line-height:30px;">Hello, \${firstName}!</h1>
    <!--#if($discount && $discount > 0)-->
    <p style="margin:8px 0 0 0;${css}">Your personal discount: <strong>$discount%</strong> until $!validUntil.</p>
    <!--#else-->
    <p style="margin:8px 0 0 0;${css}">New arrivals are waiting for you.</p>
    <!--#end-->
  </td>
</tr>
${Array.from({ length: 30 }, (_, i) => block(i + 1)).join('')}
<!--#set($total = 0)-->
<!--#foreach($item in $items)-->
<tr>
  <td class="col" style="padding:12px 24px;border-bottom:1px solid #eeeeee;${css}">
    <table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0">
      <tr>
        <td width="96" valign="top"><a href="$!item.url"><img src="$!item.imageUrl" width="80" height="80" alt="$!item.name" style="display:block;border:0;"></a></td>
        <td valign="top" style="${css}">
          <p style="margin:0;font-weight:bold;">$foreach.count. $!item.name</p>
          <p style="margin:4px 0 0 0;color:#777777;">$!item.category &middot; SKU $!item.sku</p>
          <!--#if($item.quantity > 1)-->
          <p style="margin:4px 0 0 0;">$item.quantity &times; $item.price EUR</p>
          <!--#else-->
          <p style="margin:4px 0 0 0;">$item.price EUR</p>
          <!--#end-->
          <!--#if($item.oldPrice && $item.oldPrice > $item.price)-->
          <p style="margin:4px 0 0 0;color:#d0021b;">Was <s>$item.oldPrice EUR</s></p>
          <!--#end-->
          <!--#set($total = $total + $item.quantity * $item.price)-->
          <!--#if($foreach.hasNext)--><hr style="border:0;border-top:1px dashed #dddddd;margin:8px 0 0 0;"><!--#end-->
        </td>
      </tr>
    </table>
  </td>
</tr>
<!--#end-->
<tr>
  <td style="padding:16px 24px;${css}">
    <p style="margin:0;font-size:16px;"><strong>Total: $total EUR</strong> for $items.size() items</p>
    <a class="btn" href="$!cartUrl" style="display:inline-block;padding:12px 24px;border-radius:4px;background:#0a7cff;color:#ffffff;text-decoration:none;">Complete your order</a>
  </td>
</tr>
${Array.from({ length: 30 }, (_, i) => block(i + 31)).join('')}
<tr>
  <td style="padding:24px;background:#fafafa;${css}font-size:12px;color:#999999;">
    You receive this email because you signed up at Northwind Outfitters.
    <a href="https://example.com/unsubscribe" style="color:#999999;">Unsubscribe</a>
  </td>
</tr>
</table>
</td></tr>
</table>
</body>
</html>
`;

export function payload(items = 50): Record<string, unknown> {
  return {
    firstName: 'Olena',
    subject: 'Your cart is waiting',
    preheader: 'Items you left behind are still in stock',
    discount: 15,
    validUntil: '31.03.2026',
    cartUrl: 'https://example.com/cart?u=42',
    items: Array.from({ length: items }, (_, i) => ({
      name: `Merino hiking sock ${i + 1}`,
      category: i % 2 ? 'Socks' : 'Outdoor',
      sku: `NW-${1000 + i}`,
      url: `https://example.com/p/${1000 + i}`,
      imageUrl: `https://cdn.example.com/p/${1000 + i}.jpg`,
      quantity: (i % 3) + 1,
      price: 10 + (i % 7) * 5,
      oldPrice: i % 4 === 0 ? 60 : null,
    })),
  };
}
