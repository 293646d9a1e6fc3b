;;; emacs_test.el --- gazette in Emacs (>= 28) + eglot, batch mode  -*- lexical-binding: t -*-
;; Run through tests/editors/run-emacs.sh, or:
;;   GAZETTE_BIN=/abs/gazette TEST_FILE=ws/article.txt emacs --batch -l tests/editors/emacs_test.el
;; Checks: eglot connects with the config from editors/README.md, a flymake diagnostic on "Congo"
;; (ambiguous-entity) turned into a warning by eglot-workspace-configuration, hover on "Russia"
;; shows the country card, the server's Accept code action writes article.ann. Exit 0 = pass.
(require 'package)
(package-activate-all)                  ; Debian's /usr/share/emacs/site-lisp/elpa/eglot-*
(require 'eglot)
(require 'flymake)
(defvar gz-t0 (float-time))
(defun gz-say (fmt &rest args)
  (princ (format "[%4.1fs] %s\n" (- (float-time) gz-t0) (apply #'format fmt args))))
(defun gz-fail (fmt &rest args) (gz-say "FAIL: %s" (apply #'format fmt args)) (kill-emacs 1))
(defun gz-wait (secs pred)
  (let ((deadline (+ (float-time) secs)))
    (while (and (not (funcall pred)) (< (float-time) deadline)) (accept-process-output nil 0.05))
    (funcall pred)))

(let* ((bin (or (getenv "GAZETTE_BIN") (gz-fail "set GAZETTE_BIN")))
       (file (or (getenv "TEST_FILE") (gz-fail "set TEST_FILE")))
       (expect-hover (or (getenv "EXPECT_HOVER") "Official name: Russian Federation")))
  ;; The user config of editors/README.md, with the binary's absolute path:
  (with-eval-after-load 'eglot
    (add-to-list 'eglot-server-programs `((text-mode markdown-mode) . (,bin "lsp"))))
  ;; Settings as editors/README.md shows them: ambiguous-entity as a warning instead of info.
  (setq-default eglot-workspace-configuration '(:gazette (:severity (:ambiguous-entity "warning"))))
  (find-file file)
  (unless (derived-mode-p 'text-mode) (text-mode))
  (gz-say "file=%s mode=%s" file major-mode)
  ;; eglot-ensure runs from post-command-hook, which batch mode never runs: M-x eglot instead
  (call-interactively #'eglot)
  (unless (gz-wait 15 #'eglot-current-server) (gz-fail "eglot did not connect"))
  (gz-say "connected: %s" (plist-get (eglot--server-info (eglot-current-server)) :name))
  (unless (gz-wait 15 (lambda () (seq-some (lambda (d) (string-search "Congo" (flymake-diagnostic-text d)))
                                           (flymake-diagnostics))))
    (gz-fail "no flymake diagnostic about Congo (got %d)" (length (flymake-diagnostics))))
  (unless (gz-wait 15 (lambda () (seq-some (lambda (d) (eq (flymake-diagnostic-type d) 'eglot-warning))
                                           (flymake-diagnostics))))
    (gz-fail "eglot-workspace-configuration did not make ambiguous-entity a warning"))
  (dolist (d (flymake-diagnostics))
    (gz-say "diagnostic line %d %s: %s" (line-number-at-pos (flymake-diagnostic-beg d))
            (flymake-diagnostic-type d) (flymake-diagnostic-text d)))
  (goto-char (point-min))
  (unless (re-search-forward "\\bRussia\\b" nil t) (gz-fail "no Russia in the file"))
  (goto-char (match-beginning 0))
  (let* ((res (jsonrpc-request (eglot-current-server) :textDocument/hover
                               (eglot--TextDocumentPositionParams)))
         (c (plist-get res :contents))
         (text (cond ((stringp c) c) ((plist-get c :value)) (t (format "%S" c)))))
    (gz-say "hover: %s" (replace-regexp-in-string "\n" "\\\\n" text))
    (unless (string-search expect-hover text) (gz-fail "hover lacks %S" expect-hover)))
  ;; Review: the server's "Accept ..." code action on Russia, executed through eglot.
  (let* ((server (eglot-current-server))
         (caps (eglot--capabilities server))
         (cmds (append (plist-get (plist-get caps :executeCommandProvider) :commands) nil)))
    (if (not (member "gazette.accept" cmds))
        (if (equal (getenv "ALLOW_SKIP") "1") (gz-say "SKIP: server has no review actions yet")
          (gz-fail "server has no review commands (ALLOW_SKIP=1 to skip)"))
      (let* ((beg (point)) (end (+ beg (length "Russia")))
             (actions (jsonrpc-request server :textDocument/codeAction
                                       (list :textDocument (eglot--TextDocumentIdentifier)
                                             :range (list :start (eglot--pos-to-lsp-position beg)
                                                          :end (eglot--pos-to-lsp-position end))
                                             :context (list :diagnostics []))))
             (accept (seq-find (lambda (a) (let ((title (downcase (plist-get a :title))))
                                             (and (string-prefix-p "accept" title)
                                                  (not (string-search " all " title)))))
                               actions))
             (ann (concat (file-name-sans-extension file) ".ann")))
        (unless accept (gz-fail "no Accept code action on Russia: %S" (mapcar (lambda (a) (plist-get a :title)) actions)))
        (gz-say "code action: %s" (plist-get accept :title))
        (let ((edit (plist-get accept :edit)) (cmd (plist-get accept :command)))
          (when edit (eglot--apply-workspace-edit edit))
          (when cmd (eglot-execute-command server (plist-get cmd :command) (plist-get cmd :arguments))))
        (unless (gz-wait 10 (lambda () (and (file-exists-p ann)
                                            (with-temp-buffer (insert-file-contents ann)
                                                              (re-search-forward "^A[0-9]+\tStatus T[0-9]+ Accepted" nil t)))))
          (gz-fail "%s has no Accepted status" ann))
        (gz-say "article.ann: %s" (string-replace
                                   "\n" " | " (with-temp-buffer (insert-file-contents ann) (buffer-string)))))))
  (let ((eglot-autoshutdown nil)) (eglot-shutdown (eglot-current-server)))
  (gz-say "PASS")
  (kill-emacs 0))
