-- People who signed in through single sign-on (decision 014), with the roles and e-mail their last
-- sign-in gave them, so the user directory knows them. Runs unchanged on H2 and PostgreSQL.
create table sso_user (
  username      varchar(200)             not null,
  roles         varchar(500)             not null,
  email         varchar(320),
  last_login_at timestamp with time zone not null,
  constraint sso_user_pk primary key (username)
);
