#!/usr/bin/env python3
"""How fast the email channel turns a full mailbox into cases: starts Debian's Dovecot (as the tests
do) and a release `portico serve` on a fresh demo SQLite database in a temporary folder, puts N
messages from the demo contacts into the INBOX first, then times from the server's start until
every message is settled (read over IMAP, claimed, and made a case). Run as root or as a user
Dovecot may use; needs a release build (`make build`).

    N=400 python3 scripts/bench-inbound.py    # PORTICO_BIN overrides the binary
"""
import imaplib, os, subprocess, time, sqlite3, socket, tempfile
repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
root = tempfile.mkdtemp(prefix='portico-inbound-bench-')
binary = os.environ.get('PORTICO_BIN', os.path.expanduser('~/.cache/portico-target/release/portico'))
# The demo's contacts: each may open 100 cases an hour (the portal's limit), so N up to 500.
SENDERS = ['sophie@janssens.example', 'pieter@janssens.example', 'emma.clarke@northwind.example',
           'anton.bykov@audatex-ru.example', 'maria.smirnova@audatex-ru.example']
def free():
    s=socket.socket(); s.bind(('127.0.0.1',0)); p=s.getsockname()[1]; s.close(); return p
dv=f'{root}/dv'; os.makedirs(dv+'/run'); os.makedirs(dv+'/state'); os.makedirs(dv+'/mail'); os.chmod(dv,0o755); os.chmod(root,0o755)
if os.getuid() == 0:
    os.chown(dv+'/mail',65534,65534)
open(dv+'/users','w').write('support:{PLAIN}secret\n')
ip=free()
open(dv+'/dovecot.conf','w').write(f"""base_dir = {dv}/run
state_dir = {dv}/state
log_path = {dv}/log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {dv}/users
}}
userdb {{
  driver = static
  args = uid=65534 gid=65534 home={dv}/mail/%u
}}
mail_location = maildir:~/Maildir
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {ip}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service anvil {{
  chroot =
}}
default_internal_user = nobody
default_login_user = nobody
default_internal_group = nogroup
""")
d=subprocess.Popen(['/usr/sbin/dovecot','-F','-c',dv+'/dovecot.conf'])
time.sleep(1)
N=int(os.environ.get('N','300'))
m=imaplib.IMAP4('127.0.0.1',ip); m.login('support','secret')
for i in range(N):
    raw=f"From: {SENDERS[i % len(SENDERS)]}\r\nTo: support@portico.example\r\nSubject: Request {i}\r\nMessage-ID: <bench-{i}@janssens.example>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nThe spray gun clogs, request {i}.\r\n".encode()
    m.append('INBOX',None,None,raw)
m.logout()
port=free()
env=dict(os.environ, PORTICO_DATABASE_URL=f'sqlite://{root}/p.db', PORTICO_DATA_DIR=f'{root}/files', PORTICO_LISTEN=f'127.0.0.1:{port}', PORTICO_IMAP_URL=f'imap://support:secret@127.0.0.1:{ip}', PORTICO_IMAP_POLL_SECONDS='1', LEPTOS_SITE_ROOT=os.path.join(repo, 'target/site'), RUST_LOG='warn')
subprocess.run([binary,'seed-demo','--without-cases'],env=env,cwd=repo,capture_output=True,check=True)
t0=time.time()
p=subprocess.Popen([binary,'serve','--dev-mailbox'],env=env,cwd=repo,stdout=subprocess.DEVNULL,stderr=subprocess.DEVNULL)
settled = {}
while time.time()-t0 < 300:
    time.sleep(0.1)
    try:
        c = sqlite3.connect(f'{root}/p.db')
        settled = dict(c.execute("select status, count(*) from inbound_mail group by status").fetchall())
        c.close()
    except sqlite3.Error:
        continue
    if sum(v for k, v in settled.items() if k != 'received') >= N:
        break
t = time.time()-t0
cases = settled.get('case', 0)
print(f"{N} messages settled in {t:.2f} s from the server's start (startup included): {settled}; "
      f"{cases/t:.0f} cases/s")
p.terminate(); d.terminate()
p.wait(); d.wait()
subprocess.run(['rm', '-rf', root])
