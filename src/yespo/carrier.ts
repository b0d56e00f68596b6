/**
 * The carrier message: a prepared email in Yespo whose subject and body only print values from
 * jsonParam. Render mode smartsends the locally rendered subject and HTML through it, so the
 * inbox shows exactly the local render. Velocity does not evaluate the text of a data value, so
 * `$` and `#` inside the HTML arrive untouched.
 */
export const CARRIER_SUBJECT = "$!data.get('subject')";
export const CARRIER_PREHEADER = "$!data.get('preheader')";
export const CARRIER_BODY = "$!data.get('html')";

export function carrierInstructions(): string {
  return `Carrier message for \`velvet send --mode render\`

Create this message once in Yespo (Messages > Email > new message, HTML code editor):

  Subject:    ${CARRIER_SUBJECT}
  Preheader:  ${CARRIER_PREHEADER}      (optional; leave empty if your editor has no field)
  HTML body:  ${CARRIER_BODY}

The body must be exactly that one line: no <html> wrapper, no footer, no tracking blocks of your
own. Pick any sender and name it, for example, "velvet carrier".

Then put its id (the number in the message's address or in Messages list) into velvet.config.json:

  {
    "send": {
      "carrierMessageId": 1234567,
      "allow": ["you@example.com", "@your-team.example"]
    }
  }

and check everything with \`velvet doctor\`. \`velvet send EMAIL_DIR --to you@example.com\`
then renders the email locally and sends subject and HTML through this message.
`;
}
